#pragma once

#include <QList>
#include <QString>
#include <QWidget>

/// The phases of one exchange as a bar (connect, send, wait, receive), each proportional to its
/// time, with the milliseconds in a tooltip; the teaching view of where the time went.
class TimingBar : public QWidget {
    Q_OBJECT
public:
    struct Phase {
        QString name;
        double startMs = 0;
        double endMs = 0;
    };

    explicit TimingBar(QWidget *parent = nullptr);

    void setPhases(const QList<Phase> &phases);
    const QList<Phase> &phases() const { return m_phases; }
    /// "connect 0.12 ms · send 0.05 ms · …", as the tooltip shows it.
    QString summary() const;

    QSize sizeHint() const override { return {240, 14}; }
    QSize minimumSizeHint() const override { return {60, 10}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Phase> m_phases;
};
