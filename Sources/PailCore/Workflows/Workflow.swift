/// A Step-Functions-like state machine that an event bus rule targets.
///
/// A run happens inside one database transaction with the delivery it came from: its effects and the
/// end of the delivery commit together, so a crash never leaves half a run behind. Quotas and folder totals
/// change through the batch's `UsageLedger`, which writes them when the batch ends, in the same transaction.
protocol Workflow: Sendable {
    var name: String { get }
    /// Runs the states for one event; the returned JSON is the execution's output.
    func run(_ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, ledger: UsageLedger) throws -> JSONValue
}

/// Names of the workflows, as rules and executions refer to them.
public enum WorkflowName {
    public static let updateInventory = "UpdateInventory"
    public static let deleteFile = "DeleteFile"
    public static let moveFile = "MoveFile"
    public static let copyFile = "CopyFile"
}
