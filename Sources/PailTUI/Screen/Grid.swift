/// A screen's worth of styled cells: what every view draws into and every terminal shows.
///
/// A wide character takes two cells: the first holds it, the second is an empty continuation.
///
/// ```swift
/// var grid = Grid(width: 80, height: 24)
/// grid.write("日本", x: 0, y: 0, style: .plain)   // 4 columns
/// grid.text(row: 0)                               // "日本" followed by spaces
/// ```
public struct Grid: Sendable, Equatable {
    /// One terminal cell: a grapheme (or "" for the right half of a wide one) and its style.
    public struct Cell: Sendable, Equatable {
        public var character: String
        public var style: Style

        public static let blank = Cell(character: " ", style: .plain)
        static let continuation = Cell(character: "", style: .plain)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from column `x` of row `y`, clipped at `x + maxWidth` (default: the right edge).
    /// Control characters are shown as `�`. Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            let shown: Character =
                character.unicodeScalars.first.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } == true
                ? "\u{FFFD}" : character
            let columns = DisplayWidth.of(shown)
            if columns == 0 { continue }
            if column + columns > limit { break }
            if column >= 0 {
                self[column, y] = Cell(character: String(shown), style: style)
                if columns == 2 { self[column + 1, y] = Cell(character: "", style: style) }
            }
            column += columns
        }
        return column
    }

    /// Paints a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width fillWidth: Int, height fillHeight: Int, style: Style) {
        for row in max(0, y)..<min(height, y + fillHeight) {
            for column in max(0, x)..<min(width, x + fillWidth) { self[column, row] = Cell(character: " ", style: style) }
        }
    }

    /// A row as text (wide characters once, trailing spaces kept).
    public func text(row: Int) -> String {
        (0..<width).map { self[$0, row].character }.joined()
    }

    /// The whole screen as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<height).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The style of the first cell of the first occurrence of `text` on screen, if it is shown.
    public func style(of text: String) -> Style? {
        for row in 0..<height {
            let cellsOfRow = (0..<width).map { self[$0, row] }
            var line = ""
            var starts: [Int] = []
            for (index, cell) in cellsOfRow.enumerated() {
                starts += Array(repeating: index, count: cell.character.count)
                line += cell.character
            }
            if let range = line.range(of: text) {
                return cellsOfRow[starts[line.distance(from: line.startIndex, to: range.lowerBound)]].style
            }
        }
        return nil
    }
}
