import Testing
@testable import KRTReport
import KRTPlanner

/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
func parseCSV(_ text: String) -> [[String]]? {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
        if quoted {
            if scalar == "\"" {
                if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            guard field.isEmpty else { return nil }
            quoted = true
        } else if scalar == "," {
            record.append(field); field = ""
        } else if scalar == "\r" {
            guard scalars.popFirst() == "\n" else { return nil }
            record.append(field); field = ""
            records.append(record); record = []
        } else if scalar == "\n" {
            return nil  // bare LF outside quotes is not RFC 4180
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    guard !quoted, field.isEmpty, record.isEmpty else { return nil }
    return records
}

@Suite struct CSVReportTests {
    @Test func trajectoryHeaderAndRows() throws {
        let csv = PlanReport.csv(Fixtures.plan())
        let records = try #require(parseCSV(csv))
        #expect(records.count == 1 + 73)
        #expect(records[0].prefix(4) == ["time_h", "K_mmol_per_L", "PO4_mmol_per_L", "Mg_mmol_per_L"])
        #expect(records[0].contains("PO4_hard_low_mmol_per_L"))
        #expect(records[0].count == 16)
        #expect(records.allSatisfy { $0.count == 16 })
        #expect(records[1].prefix(4) == ["0", "3.1", "0.7", "0.6"])
        #expect(records[73][0] == "72")
        #expect(records[1][4...7] == ["3.5", "4.5", "3", "6"])
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func ordersQuotedAndGuarded() throws {
        var result = Fixtures.plan()
        result.orders[0].reason = "Mg low, \"magnesium first\"\nthen K"
        result.orders[1].drug = "=HYPERLINK(\"x\")"
        let records = try #require(parseCSV(PlanReport.csv(result, table: .orders)))
        #expect(records.count == 1 + result.orders.count)
        #expect(records[0] == ["at_h", "drug", "units", "dose", "route", "line", "duration_h", "rate",
                               "K_mmol", "PO4_mmol", "Mg_mmol", "Na_mmol", "reason"])
        #expect(records[1].last == "Mg low, \"magnesium first\"\nthen K")
        #expect(records[2][1] == "'=HYPERLINK(\"x\")")
        let phosphate = try #require(records.first { $0[1] == "potassium phosphate" })
        #expect(phosphate[8] == "22" && phosphate[9] == "15")
        #expect(records[5][5] == "" && records[5][7] == "")  // oral: no line, no rate
        #expect(PlanReport.csv(result, table: .orders).contains("\"Mg low, \"\"magnesium first\"\"\nthen K\""))
    }

    @Test func fluidsAndLabDraws() throws {
        let result = Fixtures.plan()
        let fluids = try #require(parseCSV(PlanReport.csv(result, table: .fluids)))
        #expect(fluids.count == 1 + result.fluids.count)
        #expect(fluids.contains { $0[3] == "Prismasol BGK4/2.5" && $0[4] == "Multibic 4K; Biphozyl" })
        let draws = try #require(parseCSV(PlanReport.csv(result, table: .labDraws)))
        #expect(draws.count == 1 + result.labDraws.count)
        #expect(draws[0] == ["at_h", "reasons", "K_predicted_mmol_per_L", "PO4_predicted_mmol_per_L", "Mg_predicted_mmol_per_L"])
        #expect(draws.contains { $0[0] == "8.5" })
    }

    @Test func negativeNumbersAreNotGuarded() throws {
        var result = Fixtures.plan()
        result.trajectory.times[0] = -1
        let records = try #require(parseCSV(PlanReport.csv(result)))
        #expect(records[1][0] == "-1")
    }

    @Test func comparisonOneRowPerVariant() throws {
        let records = try #require(parseCSV(ComparisonReport.csv(Fixtures.comparison())))
        #expect(records.count == 4)
        #expect(records[0].prefix(5) == ["variant", "status", "danger", "alerts", "error"])
        #expect(records[3][1] == "failed")
        #expect(records.allSatisfy { $0.count == records[0].count })
    }
}
