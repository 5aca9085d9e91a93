import ArgumentParser

@main
struct Talenta: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talenta",
        abstract: "Manajemen Talenta ASN: the talent engine and its job-queue worker.",
        subcommands: [
            MigrateCommand.self, WorkerCommand.self, EnqueueCommand.self, ImportCommand.self, ExportCommand.self,
            SummaryCommand.self, DemoDataCommand.self, ReviewFolderCommand.self,
        ]
    )
}
