#pragma once

#include <QPalette>

/// The app's colours: the desktop's own, or Fusion light or dark, chosen in View ▸ Theme.
/// Node has no equivalent.
class Theme {
public:
    enum class Choice { System, Light, Dark };

    /// Applies `choice` to the whole application (the desktop's style and palette are kept
    /// the first time, so System can bring them back).
    static void apply(Choice choice);
    /// Whether text is light on a dark background in `palette`.
    static bool isDark(const QPalette &palette);
    /// A method's colour, as Postman and Insomnia colour them (GET green, POST orange, PUT blue,
    /// PATCH purple, DELETE red…), a shade that reads on `palette`'s background.
    static QColor methodColor(const QByteArray &method, const QPalette &palette);
};
