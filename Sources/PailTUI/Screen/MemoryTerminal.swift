/// A terminal in memory, for `pail headless` and tests: frames are kept, input is queued by the script.
public final class MemoryTerminal: Terminal {
    public private(set) var size: (width: Int, height: Int)
    public let colors: Int
    /// The last frame drawn.
    public private(set) var screen: Grid
    private var input: [InputEvent] = []

    public init(width: Int, height: Int, colors: Int = 256) {
        size = (width, height)
        self.colors = colors
        screen = Grid(width: width, height: height)
    }

    public func draw(_ grid: Grid) { screen = grid }

    public func nextInput(timeout: Double, wakeUp: Int32?) -> InputEvent? {
        input.isEmpty ? nil : input.removeFirst()
    }

    /// The text last copied to the clipboard.
    public private(set) var clipboard: String?

    public func copyToClipboard(_ text: String) { clipboard = text }

    public func restore() {}

    /// There is no terminal to lend: `body` is told so.
    public func lend<Value>(_ body: (_ isTerminal: Bool) -> Value) -> Value { body(false) }

    /// Nothing to suspend: the process goes on.
    public func suspend() -> Bool { false }

    /// Queues input as if the user had typed it.
    public func send(_ event: InputEvent) {
        if case .resize(let width, let height) = event { size = (width, height) }
        input.append(event)
    }
}
