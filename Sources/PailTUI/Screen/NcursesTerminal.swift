import CNcursesw
import Foundation
import PailCore

/// The real screen, through ncursesw: frames are written row by row where they changed, input is read
/// as wide characters with function keys, mouse presses and the wheel decoded.
///
/// ```swift
/// let terminal = try NcursesTerminal()
/// AppLoop.run(app, on: terminal)   // restores the terminal when the user quits
/// ```
public final class NcursesTerminal: Terminal {
    public private(set) var size: (width: Int, height: Int)
    public let colors: Int
    private var shown: Grid?
    private var pairs = ColorPairs()
    private var restored = false

    /// Takes over the terminal: UTF-8 locale, raw keys without echo, hidden cursor, mouse, colours.
    /// Throws when standard input or output is not a terminal.
    public init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw PailError(.notATerminal, "The terminal UI needs a terminal; use `pail headless` or a command in scripts")
        }
        DisplayWidth.useUTF8Locale()
        if getenv("ESCDELAY") == nil { setenv("ESCDELAY", "25", 1) }  // esc answers at once, not after 1 s
        Self.unblockResizeSignal()
        guard initscr() != nil else {
            throw PailError(
                .notATerminal, "Cannot start curses on this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? ""))")
        }
        raw()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        curs_set(0)
        mousemask(cn_mouse_mask(), nil)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = min(Int(cn_colors()), 256)
        } else {
            colors = 0
        }
        size = (Int(cn_cols()), Int(cn_lines()))
    }

    deinit { restore() }

    /// A parent that started pail with SIGWINCH blocked (a worker thread of a test runner, say) would
    /// hide every resize from curses; the signal is unblocked before curses installs its handler.
    private static func unblockResizeSignal() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    public func draw(_ grid: Grid) {
        let repaint = shown.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if repaint { erase() }
        for row in 0..<min(grid.height, size.height) {
            if !repaint, let shown, Self.rowsEqual(shown, grid, row: row) { continue }
            drawRow(row, of: grid)
        }
        refresh()
        shown = grid
    }

    private static func rowsEqual(_ a: Grid, _ b: Grid, row: Int) -> Bool {
        let start = row * a.width
        return a.cells[start..<start + a.width] == b.cells[start..<start + b.width]
    }

    /// Writes a row as runs of cells that share a style; the right half of a wide character adds nothing.
    private func drawRow(_ row: Int, of grid: Grid) {
        var column = 0
        while column < min(grid.width, size.width) {
            let style = grid[column, row].style
            var text = ""
            let start = column
            while column < min(grid.width, size.width), grid[column, row].style == style {
                text += grid[column, row].character
                column += 1
            }
            apply(style)
            // The bottom-right cell cannot be written without scrolling; curses reports that, and it is harmless.
            _ = mvaddstr(Int32(row), Int32(start), text)
        }
    }

    private func apply(_ style: Style) {
        var attributes = cn_a_normal()
        if style.bold { attributes |= cn_a_bold() }
        if style.dim { attributes |= cn_a_dim() }
        if style.italic { attributes |= cn_a_italic() }
        if style.underline { attributes |= cn_a_underline() }
        if style.reverse { attributes |= cn_a_reverse() }
        let pair = colors > 0 ? pairs.pair(foreground: style.foreground.paletteIndex, background: style.background.paletteIndex) : 0
        _ = cn_set_style(attributes, Int32(pair))
    }

    public func nextInput(timeout: Double, wakeUp: Int32?) -> InputEvent? {
        guard let wakeUp, timeout > 0 else { return readInput(timeout: timeout) }
        // What curses holds already (typed ahead, the rest of a key sequence) first; then whichever comes first.
        if let input = readInput(timeout: 0) { return input }
        var waiting = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeUp, events: Int16(POLLIN), revents: 0)]
        _ = poll(&waiting, 2, Int32(timeout * 1000))  // a resize (SIGWINCH) ends it early too: curses reports it next
        if waiting[1].revents != 0 && waiting[0].revents == 0 { return nil }
        return readInput(timeout: 0)
    }

    private func readInput(timeout: Double) -> InputEvent? {
        wtimeout(cn_stdscr(), Int32(max(0, timeout * 1000)))
        var character: wint_t = 0
        let status = wget_wch(cn_stdscr(), &character)
        if status == ERR { return Self.inputHungUp ? .hangUp : nil }
        if status == cn_key_code_yes() { return functionKey(Int32(character)) }
        return CursesKeys.character(UInt32(character)).map(InputEvent.key)
    }

    /// Whether the terminal is gone: curses reads end of file from it at once, every time, and reports
    /// that as a timeout (a hang-up the process ignores leaves it looping).
    private static var inputHungUp: Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&input, 1, 0) == 1 && input.revents & Int16(POLLHUP) != 0
    }

    private func functionKey(_ code: Int32) -> InputEvent? {
        if code == cn_key_resize() {
            size = (Int(cn_cols()), Int(cn_lines()))
            return .resize(width: size.width, height: size.height)
        }
        if code == cn_key_mouse() {
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let (x, y) = (Int(event.x), Int(event.y))
            if cn_is_wheel_up(event.bstate) != 0 { return .scroll(x: x, y: y, lines: -3) }
            if cn_is_wheel_down(event.bstate) != 0 { return .scroll(x: x, y: y, lines: 3) }
            if cn_is_left_press(event.bstate) != 0 { return .click(x: x, y: y, button: 1) }
            return nil
        }
        return CursesKeys.function(code, f0: cn_key_f0()).map(InputEvent.key)
    }

    /// Writes the request straight to the terminal: curses has flushed its own output at the last frame.
    public func copyToClipboard(_ text: String) {
        let request = Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8)
        var written = 0
        while written < request.count {
            let count = request[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count > 0 { written += count } else if errno != EINTR { return }
        }
    }

    public func lend<Value>(_ body: (_ isTerminal: Bool) -> Value) -> Value {
        endwin()
        defer { resume() }
        return body(true)
    }

    /// Raises SIGTSTP with its default action (stop) in place of curses' handler; the process stops there until
    /// SIGCONT. Raised on this thread so it stops before anything else is drawn.
    public func suspend() -> Bool {
        endwin()
        let previous = signal(SIGTSTP, SIG_DFL)
        var stop = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &stop, nil)
        raise(SIGTSTP)
        signal(SIGTSTP, previous)
        resume()
        return true
    }

    /// Takes the terminal back after `endwin`: curses' modes again, and the next frame drawn whole (what was
    /// on the screen meanwhile is not Pail's).
    private func resume() {
        shown = nil
        clearok(cn_stdscr(), true)
        refresh()
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        mousemask(0, nil)
        curs_set(1)
        endwin()
    }
}

/// Colour pairs allocated as styles first need them (pair 0 is the terminal's own colours).
private struct ColorPairs {
    private var numbers: [Pair: Int32] = [:]

    private struct Pair: Hashable {
        let foreground: Int
        let background: Int
    }

    /// The pair for two palette indexes (nil: the terminal's default); 0 once curses has no more pairs.
    mutating func pair(foreground: Int?, background: Int?) -> Int32 {
        let key = Pair(foreground: foreground ?? -1, background: background ?? -1)
        if key.foreground == -1, key.background == -1 { return 0 }
        if let number = numbers[key] { return number }
        let number = Int32(numbers.count + 1)
        guard number < min(cn_color_pairs(), Int32(Int16.max)),
            init_pair(Int16(number), Int16(key.foreground), Int16(key.background)) == OK
        else { return 0 }
        numbers[key] = number
        return number
    }
}
