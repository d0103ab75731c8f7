import Foundation
import PailCore

/// The events on both buses not yet delivered: state, detail-type, key and age, newest last.
enum EventsPane {
    static func draw(_ deliveries: [Delivery], user: String, now: Date, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        let live = deliveries.filter { !$0.isDead }.count
        let dead = deliveries.count - live
        var title = " Events  \(live) pending"
        if dead > 0 { title += ", \(dead) dead (D redrives)" }
        grid.write(
            DisplayWidth.fit(DisplayWidth.shorten(title, to: rect.width), to: rect.width), x: rect.x, y: rect.y, style: theme[.header])
        let rows = rect.height - 1
        guard rows > 0 else { return }
        if deliveries.isEmpty {
            grid.write(" All caught up.", x: rect.x, y: rect.y + 1, style: theme[.dim], maxWidth: rect.width)
            return
        }
        // Two lines an event: its state, detail-type and age, then its key in full width.
        let shown = deliveries.suffix(rows / 2)
        for (index, delivery) in shown.enumerated() {
            let state = delivery.state(at: now)
            let role: Theme.Role
            switch state {
            case .queued: role = .eventQueued
            case .due: role = .eventDue
            case .retrying: role = .eventRetrying
            case .dead: role = .eventDead
            }
            let y = rect.y + 1 + index * 2
            let age = Format.age(now.timeIntervalSince(delivery.created))
            let tries = delivery.attempts > 0 ? " ×\(delivery.attempts)" : ""
            let head = " " + DisplayWidth.fit(state.rawValue + tries, to: 12) + delivery.event.detailType
            grid.write(DisplayWidth.fit(head, to: rect.width - 7), x: rect.x, y: y, style: theme[role])
            grid.write(DisplayWidth.fit(age, to: 6, alignRight: true), x: rect.x + rect.width - 7, y: y, style: theme[role])
            let key = delivery.event.subjectKey.map { RemotePath.path(ofKey: $0, user: user) ?? $0 } ?? ""
            grid.write("   " + key, x: rect.x, y: y + 1, style: theme[.dim], maxWidth: rect.width - 1)
        }
        if deliveries.count > rows / 2 {
            let more = "+\(deliveries.count - rows / 2) more "
            grid.write(more, x: rect.x + rect.width - DisplayWidth.of(more), y: rect.y, style: theme[.header])
        }
    }
}
