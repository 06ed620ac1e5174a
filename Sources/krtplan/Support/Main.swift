import ArgumentParser

extension Krtplan {
    /// The entry point: makes the standard descriptors safe, parses, runs, and ends with the documented exit
    /// code. Help and version text go through ``Console`` like every other output; argument errors are one
    /// `krtplan: --option: message` line with exit 64 (``ArgumentErrors``); a failed standard output is 74.
    static func main() {
        FileDescriptorIO.prepareStandardDescriptors()
        let arguments = Array(CommandLine.arguments.dropFirst())
        var status: Int32
        do {
            try ArgumentErrors.checkCount(arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
            status = ExitStatus.ok.rawValue
        } catch let code as ExitCode {
            status = code.rawValue
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            status = failure.status.rawValue
        } catch {
            status = ArgumentErrors.report(error, arguments: arguments)
        }
        FileDescriptorIO.terminate(Console.finalStatus(status))
    }
}
