import Foundation
import Testing
import Grounding

/// A ``LazyInput`` piece holds exactly the values of the same part of the whole preprocessed input.
@Suite struct LazyInputTests {
    @Test("a piece of a lazy input equals that part of the whole input",
          arguments: [Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox),
                      Preprocessor(inputWidth: 300, inputHeight: 200),
                      Preprocessor(inputWidth: 1000, inputHeight: 700, filter: .bilinear),
                      Preprocessor(inputWidth: 300, inputHeight: 300, mode: .letterbox, filter: .area)])
    func pieceEqualsThatPartOfTheWhole(preprocessor: Preprocessor) throws {
        let image = try ImageDecoder.decode(contentsOf: TestSupport.testImage("horses.jpg")).image
        let region = PixelRect(x: 40, y: 30, width: 700, height: 400)
        let (whole, transform) = preprocessor.tensor(from: image, region: region)
        let input = preprocessor.lazyInput(from: image, region: region)
        #expect(input.transform == transform && input.width == whole.width && input.height == whole.height)
        let (width, height) = (whole.width, whole.height)
        // Corners, edges, the middle and the whole; under letterboxing some lie in the padding.
        let pieces: [(rows: Range<Int>, columns: Range<Int>)] = [
            (0..<height, 0..<width), (0..<1, 0..<1), (height - 1..<height, width - 1..<width),
            (0..<17, width / 3..<width / 3 + 50), (height / 2 - 9..<height / 2 + 30, 0..<width),
            (height - 40..<height, width - 33..<width), (5..<height - 5, 7..<8),
        ]
        for piece in pieces {
            let part = input.tensor(rows: piece.rows, columns: piece.columns)
            #expect(part.batch == 1 && part.channels == 3 && part.height == piece.rows.count && part.width == piece.columns.count)
            var mismatches = 0
            for c in 0..<3 {
                for (y, row) in piece.rows.enumerated() {
                    for (x, column) in piece.columns.enumerated()
                    where part.values[(c * part.height + y) * part.width + x] != whole.values[(c * height + row) * width + column] {
                        mismatches += 1
                    }
                }
            }
            #expect(mismatches == 0, "rows \(piece.rows) × columns \(piece.columns)")
        }
    }
}
