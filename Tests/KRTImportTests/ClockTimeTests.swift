import Foundation
import KRTImport
import KRTInput
import Testing

/// Clock times: explicit offsets, --timezone for times without one, daylight-saving changes in Europe/Berlin
/// (2026-03-29, 2026-10-25) and America/New_York (2026-03-08, 2026-11-01).
struct ClockTimeTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")
    let newYork = TimeZone(identifier: "America/New_York")

    @Test func offsetsAndZAreRead() throws {
        let a = try ClockTime.parse("2026-12-01T08:00:00+01:00")
        let b = try ClockTime.parse("2026-12-01T07:00:00Z")
        let c = try ClockTime.parse("2026-12-01 08:00+0100")
        #expect(a.date == b.date && b.date == c.date)
        #expect(a.offset == 3600 && a.description == "2026-12-01T08:00:00+01:00")
        #expect(try ClockTime.parse("2026-12-01T07:00:00.500Z").date.timeIntervalSince(b.date) == 0.5)
    }

    @Test func aTimeWithoutAnOffsetNeedsATimeZone() throws {
        let error = try #require(throws: ClockTime.Problem.self) { _ = try ClockTime.parse("2026-12-01T08:00:00") }
        #expect(error.description.contains("--timezone"))
        let read = try ClockTime.parse("2026-12-01T08:00:00", timeZone: berlin)
        #expect(read.date == (try ClockTime.parse("2026-12-01T08:00:00+01:00")).date)
    }

    @Test func hoursAcrossTheAutumnChangeInBerlinCountTheRepeatedHour() throws {
        // Noon to noon across 2026-10-25 (clocks go back at 03:00 CEST): 25 hours.
        let anchor = try ClockTime.parse("2026-10-25T12:00:00", timeZone: berlin)
        let before = try ClockTime.parse("2026-10-24T12:00:00", timeZone: berlin)
        #expect(anchor.offset == 3600 && before.offset == 7200)
        #expect(before.hours(since: anchor) == -25)
        #expect(try ClockTime.parse("2026-10-24T12:00:00+02:00").hours(since: anchor) == -25)
    }

    @Test func theRepeatedHourIsAmbiguousWithoutAnOffset() throws {
        let error = try #require(throws: ClockTime.Problem.self) { _ = try ClockTime.parse("2026-10-25T02:30:00", timeZone: berlin) }
        #expect(error.description.contains("happens twice") && error.description.contains("+02:00") && error.description.contains("+01:00"))
        // With its offset each reading is one instant, an hour apart.
        let first = try ClockTime.parse("2026-10-25T02:30:00+02:00"), second = try ClockTime.parse("2026-10-25T02:30:00+01:00")
        #expect(second.hours(since: first) == 1)
    }

    @Test func theSkippedHourDoesNotExist() throws {
        let error = try #require(throws: ClockTime.Problem.self) { _ = try ClockTime.parse("2026-03-29T02:30:00", timeZone: berlin) }
        #expect(error.description.contains("does not exist"))
        let before = try ClockTime.parse("2026-03-29T01:30:00", timeZone: berlin)
        let after = try ClockTime.parse("2026-03-29T03:30:00", timeZone: berlin)
        #expect(after.hours(since: before) == 1, "01:30 CET to 03:30 CEST is one hour")
    }

    @Test func aUSZoneAcrossBothChanges() throws {
        // 2026-11-01: EDT → EST at 02:00; noon to noon is 25 h. 2026-03-08: EST → EDT; noon to noon is 23 h.
        let autumn = try ClockTime.parse("2026-11-01T12:00:00", timeZone: newYork)
        #expect(try ClockTime.parse("2026-10-31T12:00:00", timeZone: newYork).hours(since: autumn) == -25)
        let spring = try ClockTime.parse("2026-03-08T12:00:00", timeZone: newYork)
        #expect(try ClockTime.parse("2026-03-07T12:00:00", timeZone: newYork).hours(since: spring) == -23)
        #expect(throws: ClockTime.Problem.self) { _ = try ClockTime.parse("2026-11-01T01:30:00", timeZone: newYork) }
        #expect(throws: ClockTime.Problem.self) { _ = try ClockTime.parse("2026-03-08T02:30:00", timeZone: newYork) }
    }

    @Test func importedTimesAcrossAChangeBecomeExactHours() throws {
        let csv = """
            time,analyte,value,unit
            2026-10-24 12:00:00,potassium,4.1,mmol/L
            2026-10-25 11:00:00,potassium,4.0,mmol/L
            """
        let result = try ImportSupport.importText(csv, name: "labs.csv", options: ImportSupport.options(timeZone: berlin))
        let entries = try LabEntries.build(result, anchor: try ClockTime.parse("2026-10-25T12:00:00+01:00"))
        #expect(entries.entries.map(\.atText) == ["-25 h", "-1 h"])
        #expect(throws: InputError.self) { _ = try ImportSupport.importText(csv, name: "labs.csv") }
    }

    @Test func badTextIsRefusedNamingIt() throws {
        for text in ["yesterday", "2026-02-30T08:00:00Z", "2026-12-01T25:00:00Z", "2026-12-01", "2026-12-01T08:00:00+25:00"] {
            let error = try #require(throws: ClockTime.Problem.self) { _ = try ClockTime.parse(text) }
            #expect(error.description.contains(text))
        }
    }
}
