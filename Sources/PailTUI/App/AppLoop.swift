import Foundation

/// Runs the app on a terminal until the user quits: input and background messages in, frames out.
///
/// The loop waits for input or for a background message (a listing read, an engine change, transfer
/// progress), whichever comes first, so results reach the screen at once; a frame is drawn only when
/// something changed, and once a second for the ages in the events pane.
public enum AppLoop {
    public static func run(_ app: PailApp, on terminal: any Terminal) {
        app.start(on: terminal)
        defer {
            app.stop()
            terminal.restore()
        }
        var lastFrame = Date.distantPast
        while !app.wantsQuit {
            if let input = terminal.nextInput(timeout: 0.05, wakeUp: app.wakeUp) {
                app.handle(input)
                while !app.wantsQuit, let more = terminal.nextInput(timeout: 0, wakeUp: nil) { app.handle(more) }
            }
            app.processMessages()
            let now = Date()
            if app.needsRedraw || now.timeIntervalSince(lastFrame) >= 1 {
                let size = terminal.size
                terminal.draw(app.render(width: size.width, height: size.height))
                lastFrame = now
            }
        }
    }
}
