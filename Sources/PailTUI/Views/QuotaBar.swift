import PailCore

/// Used / limit with a percentage and a bar that turns from green to yellow to red as it fills. Old
/// versions count against the limit: they fill the bar in a dimmer shade, and a line says how much they hold.
enum QuotaBar {
    static func draw(_ quota: QuotaReport?, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        guard let quota else {
            grid.write(" Quota …", x: rect.x, y: rect.y, style: theme[.dim], maxWidth: rect.width)
            return
        }
        let total = max(0, quota.used) + max(0, quota.oldVersions)
        let fraction = quota.limit > 0 ? min(1, Double(total) / Double(quota.limit)) : 1
        let oldFraction = quota.limit > 0 ? min(fraction, Double(max(0, quota.oldVersions)) / Double(quota.limit)) : 0
        let percent = Int((fraction * 100).rounded(.down))
        let role: Theme.Role = fraction >= 0.9 ? .quotaHigh : fraction >= 0.7 ? .quotaMid : .quotaLow
        let label = " Quota  \(ByteSize.format(total)) of \(ByteSize.format(quota.limit))"
        let percentText = "\(percent)% "
        // The header spans the pane, as every pane's does; the percentage keeps its colour and takes the underline.
        grid.write(DisplayWidth.fit(label, to: rect.width - DisplayWidth.of(percentText)), x: rect.x, y: rect.y, style: theme[.header])
        var percentStyle = theme[role]
        percentStyle.underline = percentStyle.underline || theme[.header].underline
        grid.write(percentText, x: rect.x + rect.width - DisplayWidth.of(percentText), y: rect.y, style: percentStyle)
        guard rect.height >= 2 else { return }
        let width = max(0, rect.width - 2)
        let filled = min(width, Int((fraction * Double(width)).rounded()))
        let old = min(filled, Int((oldFraction * Double(width)).rounded()))
        grid.write(String(repeating: "█", count: filled - old), x: rect.x + 1, y: rect.y + 1, style: theme[role])
        grid.write(String(repeating: "▒", count: old), x: rect.x + 1 + filled - old, y: rect.y + 1, style: theme[role])
        grid.write(String(repeating: "░", count: width - filled), x: rect.x + 1 + filled, y: rect.y + 1, style: theme[.quotaEmpty])
        guard rect.height >= 3, quota.oldVersions > 0 else { return }
        grid.write(
            DisplayWidth.shorten(" ▒ \(ByteSize.format(quota.oldVersions)) in old versions", to: rect.width), x: rect.x, y: rect.y + 2,
            style: theme[.dim])
    }
}
