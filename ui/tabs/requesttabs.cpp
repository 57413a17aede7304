#include "requesttabs.h"

#include "composerwidget.h"
#include "requesttab.h"
#include "session.h"
#include "theme.h"

#include <QEvent>
#include <QLabel>

#include <QJsonArray>
#include <QMessageBox>
#include <QTabBar>

RequestTabs::RequestTabs(wb::Session *session, QWidget *parent)
    : QTabWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("requestTabs"));
    setDocumentMode(true);
    setMovable(true);
    setTabsClosable(true);
    tabBar()->setExpanding(false);
    // Names whole (and their unsaved dot seen); many tabs scroll instead.
    tabBar()->setElideMode(Qt::ElideNone);
    tabBar()->setUsesScrollButtons(true);
    connect(this, &QTabWidget::tabCloseRequested, this, &RequestTabs::closeTab);
    connect(this, &QTabWidget::currentChanged, this, &RequestTabs::currentTabChanged);
    m_saveLater.setSingleShot(true);
    m_saveLater.setInterval(1000);
    connect(&m_saveLater, &QTimer::timeout, this, &RequestTabs::saveTabs);
    connect(this, &QTabWidget::currentChanged, &m_saveLater, qOverload<>(&QTimer::start));
}

RequestTab *RequestTabs::current() const
{
    return qobject_cast<RequestTab *>(currentWidget());
}

RequestTab *RequestTabs::tab(int index) const
{
    return qobject_cast<RequestTab *>(widget(index));
}

QString RequestTabs::labelFor(const RequestTab *tab)
{
    // "●" marks unsaved changes, as editors do.
    return tab->isModified() ? tab->title() + QStringLiteral(" \u25cf") : tab->title();
}

void RequestTabs::updateTab(RequestTab *tab)
{
    const int index = indexOf(tab);
    if (index < 0)
        return;
    m_saveLater.start();
    // The method on its own, in its colour; then the name.
    auto *method = qobject_cast<QLabel *>(tabBar()->tabButton(index, QTabBar::LeftSide));
    if (!method) {
        method = new QLabel(tabBar());
        method->setObjectName(QStringLiteral("method"));
        QFont bold = method->font();
        bold.setBold(true);
        method->setFont(bold);
    }
    const QByteArray verb = tab->request().method;
    method->setText(QString::fromLatin1(verb));
    method->adjustSize();
    QPalette colours = method->palette();
    colours.setColor(QPalette::WindowText, Theme::methodColor(verb, palette()));
    method->setPalette(colours);
    // Set again (after letting go, which would hide it) so the tab is laid out at its new width.
    tabBar()->setTabButton(index, QTabBar::LeftSide, nullptr);
    tabBar()->setTabButton(index, QTabBar::LeftSide, method);
    setTabText(index, labelFor(tab));
    const QString path = tab->request().path();
    setTabToolTip(index, path.isEmpty() ? tr("Not saved (Ctrl+S saves it)") : path);
    if (tab == current())
        Q_EMIT currentTabChanged();
}

RequestTab *RequestTabs::newTab()
{
    return newTab(wb::Request());
}

RequestTab *RequestTabs::newTab(const wb::Request &request)
{
    auto *tab = new RequestTab(m_session, this);
    tab->open(request);
    connect(tab, &RequestTab::changed, this, [this, tab] { updateTab(tab); });
    connect(tab, &RequestTab::responseShown, this, [this, tab] {
        if (tab == current())
            Q_EMIT currentTabChanged();
    });
    connect(tab, &RequestTab::saved, this, &RequestTabs::requestSaved);
    connect(tab, &RequestTab::message, this, &RequestTabs::message);
    setCurrentIndex(addTab(tab, labelFor(tab)));
    updateTab(tab);
    tab->composer()->focusUrl(); // a new tab is for typing a URL, as in a browser
    return tab;
}

bool RequestTabs::closeTab(int index)
{
    RequestTab *tab = this->tab(index);
    if (!tab)
        return false;
    if (tab->isModified()) {
        setCurrentIndex(index);
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"),
            tr("\"%1\" has changes that are not saved. Save them first?").arg(tab->title()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel ||
            (answer == QMessageBox::Save && !tab->saveInteractively()))
            return false;
    }
    if (count() == 1)
        newTab(); // there is always a tab to type in
    removeTab(indexOf(tab));
    delete tab;
    m_saveLater.start();
    return true;
}

RequestTab *RequestTabs::reusableTab()
{
    if (RequestTab *tab = current(); tab && tab->isReusable())
        return tab;
    return newTab();
}

void RequestTabs::open(const wb::Request &request)
{
    for (int i = 0; i < count(); ++i) {
        if (!request.name.isEmpty() && tab(i)->request().path() == request.path()) {
            setCurrentIndex(i);
            return;
        }
    }
    reusableTab()->open(request);
}

void RequestTabs::openHistoryEntry(const QJsonObject &entry)
{
    const QString time = entry.value(QStringLiteral("time")).toString();
    if (RequestTab *tab = current();
        tab && !tab->isModified() && !time.isEmpty() && tab->historyTimeShown() == time)
        return; // a click may also count as activation, depending on the style
    reusableTab()->showHistoryEntry(entry);
}

void RequestTabs::setVariables(const wb::Variables &variables)
{
    for (int i = 0; i < count(); ++i)
        tab(i)->setVariables(variables);
}

bool RequestTabs::restore()
{
    const QJsonObject state = m_session->workspace()->openTabs();
    const QJsonArray tabs = state.value(QStringLiteral("tabs")).toArray();
    for (const QJsonValue &v : tabs) {
        const QJsonObject o = v.toObject();
        wb::Request request = wb::Request::fromJson(o.value(QStringLiteral("request")).toObject());
        request.collection = o.value(QStringLiteral("collection")).toString();
        RequestTab *tab = newTab();
        tab->restore(request, o.value(QStringLiteral("baseline")).toObject());
    }
    if (!tabs.isEmpty())
        setCurrentIndex(qBound(0, state.value(QStringLiteral("current")).toInt(), count() - 1));
    return !tabs.isEmpty();
}

void RequestTabs::saveTabs()
{
    QJsonArray tabs;
    for (int i = 0; i < count(); ++i) {
        const wb::Request request = tab(i)->request();
        tabs.append(QJsonObject{{QStringLiteral("collection"), request.collection},
                                {QStringLiteral("request"), request.toJson()},
                                {QStringLiteral("baseline"), tab(i)->baseline()}});
    }
    QString error;
    if (!m_session->workspace()->setOpenTabs(
            QJsonObject{{QStringLiteral("current"), currentIndex()},
                        {QStringLiteral("tabs"), tabs}},
            &error))
        Q_EMIT message(error, 8000);
}

void RequestTabs::changeEvent(QEvent *event)
{
    QTabWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the method colours follow the theme
        for (int i = 0; i < count(); ++i)
            updateTab(tab(i));
}
