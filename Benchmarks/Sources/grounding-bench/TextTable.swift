/// Left-aligned text columns, each as wide as its widest cell, for the tables the stages print.
///
/// ```swift
/// var table = TextTable(["size", "ms"])
/// table.add(["12 MP", "812.5"])
/// table.print()
/// ```
struct TextTable {
    private var rows: [[String]]

    init(_ header: [String]) {
        rows = [header]
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// Prints the header and the rows; a short row leaves its last columns empty.
    func print() {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            Swift.print(cells.joined())
        }
    }
}
