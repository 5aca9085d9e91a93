public import ArgumentParser
public import Interchange

/// `--format csv|xlsx` on the commands that write result tables.
extension TableFormat: ExpressibleByArgument {}
