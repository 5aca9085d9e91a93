import ArgumentParser

@main
struct Talenta: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talenta",
        abstract: "Manajemen Talenta ASN: the talent engine and its job-queue worker.",
        version: "0.1.0",
        subcommands: [
            MigrateCommand.self, WorkerCommand.self, EnqueueCommand.self, ImportCommand.self, ExportCommand.self,
            SummaryCommand.self, ReportCommand.self, ReviewFolderCommand.self, DemoDataCommand.self,
            StatusCommand.self, CancelCommand.self, RetryCommand.self, PauseCommand.self, ResumeCommand.self,
            PruneCommand.self, ScheduleCommand.self, RulesCommand.self, OverrideCommand.self, ExplainCommand.self,
            CompletenessCommand.self, ScenarioCommand.self,
        ]
    )
}
