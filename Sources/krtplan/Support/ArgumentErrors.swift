import ArgumentParser
import KRTInput

/// Argument-parser errors in krtplan's one error form, `krtplan: --option: message` with exit 64
/// (docs/cli.md#exit-codes), instead of the library's `Error: …` plus the usage block.
///
/// swift-argument-parser renders its messages from internal error types; its public API gives the brief
/// message (``ParsableArguments/message(for:)``) and the exit code (``ParsableArguments/exitCode(for:)``).
/// The brief message names the option in quotes (`Missing value for '--volume <volume>'`); the rules below
/// move that name to the front. A value such as `-5000 mL` after an option reads to the library as another
/// option, so the option looks empty: that case is told as a negative value.
enum ArgumentErrors {
    /// Most command-line arguments accepted. The argument parser's time grows with the square of their
    /// number (10,000 `--set` options took minutes), so longer command lines are refused before parsing.
    static let maxArguments = 1_000

    /// Refuses, before parsing, more than ``maxArguments`` arguments or more than
    /// ``InputOverride/maxCount`` `--set` options (exit 64).
    static func checkCount(_ arguments: [String]) throws {
        let sets = arguments.count { $0 == "--set" || $0.hasPrefix("--set=") }
        if sets > InputOverride.maxCount {
            throw CommandFailure.usage("--set", "\(sets) options given; at most \(InputOverride.maxCount) are accepted")
        }
        if arguments.count > maxArguments {
            throw CommandFailure(.usage, "\(arguments.count) command-line arguments given; at most \(maxArguments) are accepted")
        }
    }

    /// Prints help, version or completion text to standard output (exit 0), or one error line (exit 64 for
    /// usage errors); returns the exit code.
    static func report(_ error: any Error, arguments: [String]) -> Int32 {
        let code = Krtplan.exitCode(for: error).rawValue
        let message = Krtplan.message(for: error)
        if code == ExitCode.success.rawValue {
            if !message.isEmpty { Console.output(message) }
            return code
        }
        if message.isEmpty { return code }
        let hint = " (see 'krtplan \((subcommandPath(arguments) + ["--help"]).joined(separator: " "))')"
        Console.error(render(message, arguments: arguments) + hint)
        return code == ExitCode.validationFailure.rawValue ? ExitStatus.usage.rawValue : code
    }

    /// `--option: message` for a library message.
    static func render(_ message: String, arguments: [String]) -> String {
        let text = message.replacingOccurrences("\n  - ", with: ", ").replacingOccurrences("\n", with: " ")
        if let option = quoted(after: "Missing value for '", in: text) {
            if let value = negativeValue(after: option, in: arguments) {
                return "\(option): \(value) is negative; expected \(expectation(for: option))"
            }
            return "\(option): missing value; expected \(expectation(for: option))"
        }
        if let option = quoted(after: "Unknown option '", in: text) {
            let suggestion = quoted(after: "Did you mean '", in: text).map { "; did you mean \($0)?" } ?? ""
            if let value = negativeValue(named: option, in: arguments), let previous = optionBefore(value, in: arguments),
               knownExpectation(for: previous) != nil {
                return "\(previous): \(value) is negative; expected \(expectation(for: previous))"
            }
            return "\(option): unknown option\(suggestion)"
        }
        if text.hasPrefix("The value '"), let value = quoted(after: "The value '", in: text),
           let option = quoted(after: "is invalid for '", in: text) {
            var detail = ""
            if let range = text.firstRange(of: "Please provide one of ") {
                detail = "; expected one of " + text[range.upperBound...].replacingOccurrences("'", with: "")
                    .replacingOccurrences(" the following:, ", with: "").trimmingSuffix(".")
            } else if let range = text.firstRange(of: "'" + ": ") {
                detail = ": " + text[range.upperBound...]
            }
            if detail.isEmpty, let expected = knownExpectation(for: option) { detail = "; expected \(expected)" }
            return "\(option): '\(value)' is not accepted\(detail)"
        }
        if let option = quoted(after: "The option '", in: text) {
            let value = quoted(after: "but '", in: text).map { " (got '\($0)')" } ?? ""
            return "\(option): takes no value\(value); it is a flag"
        }
        if let argument = quoted(after: "Missing expected argument '", in: text) {
            // A required option ('--seed <seed>') keeps its name; a positional ('<case>') reads as CASE.
            if argument.hasPrefix("-"), let name = argument.split(separator: " ").first {
                return "\(name): missing; this option is required"
            }
            return "\(argument.uppercased().trimmingCharacters("<>")): missing; give it after the subcommand"
        }
        if let argument = quoted(after: "Unexpected argument '", in: text) ?? quoted(after: "unexpected arguments: '", in: text) {
            if subcommandPath(arguments).isEmpty, arguments.first == argument {
                let names = Krtplan.configuration.subcommands.map { $0._commandName }
                return "\(argument): unknown subcommand; expected one of \(names.joined(separator: ", "))"
            }
            return "\(argument): unexpected argument; options start with --, and a value with spaces needs quotes"
        }
        if text.hasPrefix("--") {
            // A ValidationError written as "--option must …" or "--option: …".
            let option = String(text.prefix { !$0.isWhitespace && $0 != ":" })
            var rest = text.dropFirst(option.count)
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            return "\(option): \(rest.trimmingPrefix(" "))"
        }
        return text
    }

    /// What a value option expects, for the options that take numbers or quantities.
    static func expectation(for option: String) -> String {
        knownExpectation(for: option) ?? "a value after \(option)"
    }

    private static func knownExpectation(for option: String) -> String? {
        switch option {
        case "--volume": "a volume like 5000 mL"
        case "--time-limit": "seconds, more than 0 and at most 3600"
        case "--threads": "a count from 1 to 64"
        case "--bound-nodes": "a count of nodes from 0 to 100000, e.g. --bound-nodes 3200"
        case "--max-variants": "a count from 1 to \(VariantLimit.ceiling)"
        case "--fit-iterations": "a whole number of iterations from 1 to 10000, e.g. --fit-iterations 200"
        default: nil
        }
    }

    /// The text between `marker` and the next `'` (e.g. the option in `Missing value for '--volume <volume>'`),
    /// cut at the first space so `'--volume <volume>'` gives `--volume`.
    private static func quoted(after marker: String, in text: String) -> String? {
        guard let start = text.firstRange(of: marker)?.upperBound else { return nil }
        let rest = text[start...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        let inside = rest[..<end]
        return inside.hasPrefix("-") ? String(inside.prefix { $0 != " " }) : String(inside)
    }

    /// The argument after `option` when it starts like a negative number (`-5000 mL`, `-2`, `-.5`).
    private static func negativeValue(after option: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        let next = arguments[index + 1]
        return looksNegative(next) ? next : nil
    }

    /// `name` itself when the library took a negative number (`-5`) for an option name.
    private static func negativeValue(named name: String, in arguments: [String]) -> String? {
        looksNegative(name) ? arguments.first { $0.hasPrefix(name) && looksNegative($0) } : nil
    }

    private static func optionBefore(_ value: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: value), index > 0, arguments[index - 1].hasPrefix("--") else { return nil }
        return arguments[index - 1]
    }

    private static func looksNegative(_ text: String) -> Bool {
        let rest = text.dropFirst()
        return text.hasPrefix("-") && (rest.first?.isNumber == true || (rest.first == "." && rest.dropFirst().first?.isNumber == true))
    }

    /// The subcommand names at the start of `arguments` (`formulations table`), for the help hint.
    private static func subcommandPath(_ arguments: [String]) -> [String] {
        var path: [String] = []
        var level: [any ParsableCommand.Type] = Krtplan.configuration.subcommands
        for argument in arguments {
            guard let next = level.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            level = next.configuration.subcommands
        }
        return path
    }
}

private extension StringProtocol {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }

    func trimmingCharacters(_ characters: String) -> String {
        String(self).filter { !characters.contains($0) }
    }
}
