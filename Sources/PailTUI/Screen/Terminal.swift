/// Where the app's frames go and its input comes from: a real screen (ncursesw) or memory (headless).
///
/// Every method is called on the UI thread only.
public protocol Terminal: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How many colours the terminal shows (0 without colour, 8, 16 or 256).
    var colors: Int { get }
    /// Shows a frame; a real terminal writes only the cells that changed since the last one.
    func draw(_ grid: Grid)
    /// Waits up to `timeout` seconds for input; nil if none came, or as soon as the descriptor `wakeUp` is
    /// readable (background work has posted a message), if one is given.
    func nextInput(timeout: Double, wakeUp: Int32?) -> InputEvent?
    /// Puts text on the clipboard of the machine the terminal runs on (OSC 52); terminals that do not
    /// support it ignore the request.
    func copyToClipboard(_ text: String)
    /// Gives the terminal back as it was (cursor, modes, screen).
    func restore()
    /// Lends the terminal to another program while `body` runs: the screen is put away first and drawn again
    /// after. `body` is told whether there is a terminal to lend (a screen in memory has none).
    func lend<Value>(_ body: (_ isTerminal: Bool) -> Value) -> Value
    /// Stops the process as Ctrl-Z stops a program in a shell, the screen put away first, until the shell
    /// continues it (`fg`); the screen is drawn again then. False if there is no terminal to hand back.
    func suspend() -> Bool
}
