import Foundation

/// Reads RFC 4180 CSV strictly and as a stream: a row at a time from 1 MiB blocks of the file, so memory does not
/// grow with the file.
///
/// Why not a package: SwiftCSV (0.10.0) parses a whole `String` in memory, and yaslab/CSV.swift (2.5.2), which
/// streams, is lenient where DOMAIN.md §11 must refuse: an unterminated quote silently reads to the end of the file
/// as one field, text after a closing quote is kept (or dropped), and no line number is given. Both would turn a
/// malformed file into fewer rows. This reader is the one small state machine that refuses instead; everything else
/// of the §11 files (headers, columns) is driven by `InputFile`.
///
/// Accepted: comma separators; fields quoted with `"` (a doubled `""` inside is one quote; commas and line breaks
/// inside are data); line breaks LF, CRLF or a lone CR; a UTF-8 byte-order mark at the very start (dropped).
/// Refused with the line: an unterminated quote, a quote inside an unquoted field, text after a closing quote, bytes
/// that are not UTF-8, a NUL byte, a field longer than `maximumFieldBytes` (so a stray quote in a national file is
/// refused after 64 KiB, not read to the end into memory), and a last row without a line break after it: a file cut
/// short inside its last field (a truncated nightly sync) would otherwise be read as a whole row with a shorter
/// value, so every row must end with a line break, as spreadsheet programs and CSV writers write them. The field
/// count is the caller's to check (`CSVRow.fields`). A physical line with nothing on it is not a row (it is
/// skipped; the line still counts).
struct StrictCSVReader {
    private let source: ByteSource
    private var block: [UInt8] = []
    private var position = 0
    private var finished = false
    private var atFileStart = true
    /// The physical line the next byte is on (the first line is 1).
    private var line = 1
    private var lastWasCR = false

    /// Opens a file for reading.
    /// - Throws: `CSVFormatError.unreadable` when the file cannot be opened.
    init(url: URL) throws(CSVFormatError) {
        do {
            source = .file(try FileHandle(forReadingFrom: url))
        } catch {
            throw .unreadable(String(describing: error))
        }
    }

    /// Reads CSV text held in memory (tests, small inputs).
    init(bytes: [UInt8]) {
        source = .memory(bytes)
    }

    /// The next row, nil at the end of the file.
    /// - Throws: `CSVFormatError` for a row that breaks RFC 4180 (nothing after it should be trusted).
    mutating func next() throws(CSVFormatError) -> CSVRow? {
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var rowLine = line
        var rowHasBytes = false
        var quoteLine = 0

        func append(_ byte: UInt8) throws(CSVFormatError) {
            guard byte != 0 else { throw .nulByte(line: line, field: fields.count + 1) }
            guard field.count < Self.maximumFieldBytes else {
                throw .fieldTooLong(line: rowLine, field: fields.count + 1, quoteOpenedOn: state == .quoted ? quoteLine : nil)
            }
            field.append(byte)
        }

        func finishField() throws(CSVFormatError) {
            guard let text = Self.text(field) else {
                throw .notUTF8(line: rowLine)
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }

        while true {
            if position == block.count {
                guard try refill() else { break }
            }
            let byte = block[position]
            position += 1
            let isBreak = byte == Self.lf || byte == Self.cr
            if byte == Self.lf && lastWasCR {
                // The LF of a CRLF: its line was counted at the CR; inside quotes it is data.
                lastWasCR = false
                if state == .quoted { try append(byte) }
                continue
            }
            lastWasCR = byte == Self.cr
            switch state {
            case .fieldStart, .unquoted:
                if isBreak {
                    line += 1
                    if !rowHasBytes {
                        rowLine = line
                        continue
                    }
                    try finishField()
                    return CSVRow(line: rowLine, fields: fields)
                }
                rowHasBytes = true
                if byte == Self.comma {
                    try finishField()
                    state = .fieldStart
                } else if byte == Self.quote {
                    guard state == .fieldStart else { throw .quoteInUnquotedField(line: line, field: fields.count + 1) }
                    state = .quoted
                    quoteLine = line
                } else {
                    try append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .afterQuote
                } else {
                    if isBreak { line += 1 }
                    try append(byte)
                }
            case .afterQuote:
                if byte == Self.quote {
                    try append(byte)
                    state = .quoted
                } else if byte == Self.comma {
                    try finishField()
                    state = .fieldStart
                } else if isBreak {
                    line += 1
                    try finishField()
                    return CSVRow(line: rowLine, fields: fields)
                } else {
                    throw .textAfterClosingQuote(line: line, field: fields.count + 1, openedOn: quoteLine)
                }
            }
        }
        // End of the file.
        if state == .quoted { throw .unterminatedQuote(line: quoteLine, field: fields.count + 1) }
        guard rowHasBytes else { return nil }
        throw .noFinalLineBreak(line: rowLine)
    }

    /// The bytes as a `String`, nil when they are not UTF-8.
    private static func text(_ bytes: [UInt8]) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        let malformed = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF8.self, stoppingOnError: true) { _ in }
        return malformed ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private enum State {
        case fieldStart, unquoted, quoted, afterQuote
    }

    /// Loads the next block; false at the end of the file.
    private mutating func refill() throws(CSVFormatError) -> Bool {
        guard !finished else { return false }
        switch source {
        case let .file(handle):
            do {
                let data = try handle.read(upToCount: Self.blockSize) ?? Data()
                block = [UInt8](data)
            } catch {
                throw .unreadable(String(describing: error))
            }
        case let .memory(bytes):
            block = bytes
            finished = true
        }
        position = 0
        if block.isEmpty {
            finished = true
            return false
        }
        if atFileStart {
            atFileStart = false
            if block.starts(with: Self.byteOrderMark) { position = Self.byteOrderMark.count }
            if position == block.count { return try refill() }
        }
        return true
    }

    private enum ByteSource {
        case file(FileHandle)
        case memory([UInt8])
    }

    private static let blockSize = 1 << 20
    /// The longest field accepted, in bytes (64 KiB): no §11 field comes near it.
    static let maximumFieldBytes = 1 << 16
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
}

/// One CSV row: the physical line it starts on (the first line is 1) and its fields.
struct CSVRow: Sendable {
    var line: Int
    var fields: [String]
}

/// Why a CSV file breaks RFC 4180 (or cannot be read). Lines are the file's physical lines, the first being 1.
enum CSVFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(String)
    /// A quoted field that opened on `line` never closes.
    case unterminatedQuote(line: Int, field: Int)
    case quoteInUnquotedField(line: Int, field: Int)
    case textAfterClosingQuote(line: Int, field: Int, openedOn: Int)
    case notUTF8(line: Int)
    /// A row with another number of fields than the header.
    case fieldCount(line: Int, found: Int, expected: Int)
    case nulByte(line: Int, field: Int)
    /// A field longer than `StrictCSVReader.maximumFieldBytes`; `quoteOpenedOn` when it is a quoted field.
    case fieldTooLong(line: Int, field: Int, quoteOpenedOn: Int?)
    /// The file's last row has no line break after it: the file may have been cut short.
    case noFinalLineBreak(line: Int)

    /// The line the problem is on, nil when the file cannot be read at all.
    var line: Int? {
        switch self {
        case .unreadable: return nil
        case let .unterminatedQuote(line, _), let .quoteInUnquotedField(line, _), let .textAfterClosingQuote(line, _, _),
             let .notUTF8(line), let .fieldCount(line, _, _), let .nulByte(line, _), let .fieldTooLong(line, _, _),
             let .noFinalLineBreak(line):
            return line
        }
    }

    var description: String {
        switch self {
        case let .unreadable(reason):
            return "cannot be read: \(reason)"
        case let .unterminatedQuote(_, field):
            return "field \(field) opens a quote that is never closed (an unterminated quote)"
        case let .quoteInUnquotedField(_, field):
            return "field \(field) holds a double quote but does not start with one (quote the whole field and double the quote)"
        case let .textAfterClosingQuote(line, field, openedOn):
            let opened = openedOn == line ? "" : " (the quote opened on line \(openedOn))"
            return "field \(field) has text after its closing quote\(opened)"
        case .notUTF8:
            return "the row is not UTF-8"
        case let .fieldCount(_, found, expected):
            return "the row has \(found) fields, the header has \(expected) (a missing or an unquoted comma?)"
        case let .nulByte(_, field):
            return "field \(field) holds a NUL byte"
        case let .fieldTooLong(_, field, quoteOpenedOn):
            let limit = "field \(field) is longer than \(StrictCSVReader.maximumFieldBytes / 1024) KiB"
            guard let opened = quoteOpenedOn else { return limit }
            return limit + " (the quote it opens on line \(opened) is probably never closed)"
        case .noFinalLineBreak:
            return "the last row has no line break after it, so the file may have been cut short (truncated); "
                + "if the file is complete, end its last row with a line break"
        }
    }
}
