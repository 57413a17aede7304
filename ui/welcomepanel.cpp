#include "welcomepanel.h"

#include <QLabel>
#include <QVBoxLayout>

WelcomePanel::WelcomePanel(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
{
    auto *title = new QLabel(tr("<h1>Wirebench</h1>"), this);
    auto *intro = new QLabel(tr("An HTTP/1.1 workbench: compose requests, run mock servers and "
                                "see the exact bytes on the wire."),
                             this);
    intro->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("demoStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    auto *hint = new QLabel(tr("Headless: <code>wirebench serve FILE</code> runs the mock servers "
                               "of a mock file."),
                            this);
    hint->setTextFormat(Qt::RichText);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    for (QLabel *label : {title, intro, m_status, hint}) {
        label->setAlignment(Qt::AlignHCenter);
        layout->addWidget(label);
    }
    layout->addStretch();
    setMinimumSize(420, 260);
}

void WelcomePanel::setDemoServer(const QString &url, const QString &error)
{
    if (error.isEmpty())
        m_status->setText(tr("Demo mock server listening on %1 (this machine only).\n"
                             "Try it: curl -i %1/users/42")
                              .arg(url));
    else
        m_status->setText(tr("The demo mock server could not start: %1").arg(error));
}
