#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact one-step propagators (Φ = e^{AΔ}, Γ = ∫₀^Δ e^{As} ds) per (regime, duration), cached.
///
/// Durations are snapped to the grid 2⁻⁴⁰ h (≈ 3.3 ns) before use, so that the many steps of a
/// fixed output grid (whose floating-point differences vary in the last bits) share one entry,
/// and so that the simulator and the step maps use bit-identical propagators. The snap changes a
/// step by at most 1.6 ns; both the simulator and the planner use the snapped durations.
final class ExponentialCache: @unchecked Sendable {
    struct Key: Hashable {
        let regime: Regime
        let ticks: Int64
    }

    struct Entry {
        let phi: Matrix
        let gamma: Matrix
    }

    /// Ticks per hour (2⁴⁰).
    static let ticksPerHour = Double(1 << 40)

    private let systems: [Matrix]
    private var entries: [Key: Entry] = [:]
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(systems: [Matrix]) {
        self.systems = systems
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// The snapped duration (h) actually used for a requested duration.
    static func snapped(_ duration: Double) -> Double { Double(ticks(duration)) / ticksPerHour }

    static func ticks(_ duration: Double) -> Int64 { Int64((Swift.max(0, duration) * ticksPerHour).rounded()) }

    func entry(_ regime: Regime, duration: Double) -> Entry {
        let key = Key(regime: regime, ticks: Self.ticks(duration))
        pthread_mutex_lock(mutex)
        let cached = entries[key]
        pthread_mutex_unlock(mutex)
        if let cached { return cached }
        let (phi, gamma) = MatrixExponential.expAndIntegral(systems[regime.rawValue], duration: Double(key.ticks) / Self.ticksPerHour)
        let entry = Entry(phi: phi, gamma: gamma)
        pthread_mutex_lock(mutex)
        entries[key] = entry
        pthread_mutex_unlock(mutex)
        return entry
    }

    var count: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return entries.count
    }
}
