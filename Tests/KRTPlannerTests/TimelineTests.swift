import Testing
@testable import KRTPlanner

struct TimelineTests {
    @Test func mergesStepsAndEvents() {
        let timeline = Timeline(horizon: 6, step: 2, events: [1, 2, 2.5, 7, 0])
        #expect(timeline.points == [0, 1, 2, 2.5, 4, 6])
        #expect(timeline.reportIndices == [0, 2, 4, 5])
        #expect(timeline.intervals(from: 1, to: 4) == 1..<4)
        #expect(timeline.duration(of: 2) == 0.5)
    }

    @Test func nearCoincidentEventsCollapse() {
        let timeline = Timeline(horizon: 1, step: 0.25, events: [0.5 + 1e-7, 1.0 / 3.0])
        #expect(timeline.points.count == 6)
        #expect(timeline.index(of: 0.5) != nil)
        #expect(timeline.index(of: 0.6) == nil)
    }
}
