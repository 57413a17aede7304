#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace {

struct Desktop {
    QString style;
    QPalette palette;
};

const Desktop &desktop()
{
    static const Desktop d{QApplication::style()->name(), QApplication::palette()};
    return d;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x62, 0xa0, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x45, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3a, 0x3d));
    p.setColor(QPalette::Mid, QColor(0x25, 0x25, 0x27));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

} // namespace

void Theme::apply(Choice choice)
{
    const Desktop &d = desktop();
    if (choice == Choice::System) {
        QApplication::setStyle(d.style);
        QApplication::setPalette(d.palette);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(choice == Choice::Dark ? darkPalette()
                                                    : QApplication::style()->standardPalette());
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QColor Theme::methodColor(const QByteArray &method, const QPalette &palette)
{
    struct Shade {
        const char *method;
        QRgb light; // on a light background
        QRgb dark;  // on a dark one
    };
    static const Shade shades[] = {
        {"GET", 0x1a7f37, 0x4ac26b},     {"POST", 0xb35900, 0xf0a040},
        {"PUT", 0x0b5cad, 0x5aa9f0},     {"PATCH", 0x6f42c1, 0xb392f0},
        {"DELETE", 0xc62828, 0xf47067},  {"HEAD", 0x1a7f37, 0x4ac26b},
        {"OPTIONS", 0xa3336b, 0xe87fb4},
    };
    const bool dark = isDark(palette);
    for (const Shade &s : shades)
        if (method == s.method)
            return QColor(dark ? s.dark : s.light);
    return palette.color(QPalette::WindowText); // any other token: plain text
}
