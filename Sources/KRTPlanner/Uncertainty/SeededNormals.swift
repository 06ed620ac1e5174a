#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented pseudo-random generator of the uncertainty bands (docs/uncertainty.md "Method"):
/// xoshiro256** (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro256starstar.c) seeded by
/// SplitMix64 (https://prng.di.unimi.it/splitmix64.c), standard normals by Box–Muller.
///
/// Draw `i` of a run with seed `s` has its own generator, seeded from SplitMix64 over `s` and `i`, so
/// every draw is the same whatever the number of threads or the order in which draws are computed.
/// Never the system generator: the same seed gives the same draws on every machine.
public struct SeededNormals: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// The second Box–Muller normal, kept for the next call.
    private var spare: Double?

    /// The generator of draw `draw` for run seed `seed`.
    public init(seed: UInt64, draw: UInt64) {
        var mix = SplitMix64(state: seed)
        // Decorrelate neighbouring draws: fold the draw index through SplitMix64 too.
        var inner = SplitMix64(state: mix.next() ^ (draw &* 0x9E37_79B9_7F4A_7C15))
        s0 = inner.next(); s1 = inner.next(); s2 = inner.next(); s3 = inner.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one xoshiro must avoid
    }

    /// Next 64 random bits (xoshiro256**).
    public mutating func nextBits() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// Uniform in (0, 1): the top 53 bits, offset by half a unit so 0 never occurs (log(0) in Box–Muller).
    public mutating func nextUniform() -> Double {
        (Double(nextBits() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal N(0, 1) by Box–Muller (both values of each pair are used, in order).
    public mutating func nextNormal() -> Double {
        if let value = spare { spare = nil; return value }
        let u1 = nextUniform(), u2 = nextUniform()
        let r = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        spare = r * sin(angle)
        return r * cos(angle)
    }

    @inline(__always) private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to seed xoshiro256**.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
