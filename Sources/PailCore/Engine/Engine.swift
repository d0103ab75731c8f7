import Foundation

/// How an engine runs: the consistency delay, its clock, whether it delivers events in the background.
public struct EngineOptions: Sendable {
    /// Seconds each event is held on its bus before delivery (0 for the command line, 0.5 for the UI).
    public var delay: TimeInterval
    public var clock: any PailClock
    /// Deliver due events on a background Dispatch queue while the engine is open.
    public var deliverInBackground: Bool
    /// Faults to inject into deliveries and workflow steps (`PAIL_CHAOS`); nil for none.
    public var chaos: Chaos?

    public init(delay: TimeInterval = 0, clock: any PailClock = SystemClock(), deliverInBackground: Bool = true, chaos: Chaos? = nil) {
        self.delay = delay
        self.clock = clock
        self.deliverInBackground = deliverInBackground
        self.chaos = chaos
    }
}

/// One open data root: the store, the inventory, the buses and the workflows, wired as the design draws them.
///
/// ```swift
/// let engine = try Engine.open(root: "/tmp/pail")
/// let url = try engine.api.createUpload(user: "alice", path: RemotePath("a.txt"), size: 12)
/// try engine.waitUntilIdle()
/// ```
public final class Engine: Sendable {
    public let root: String
    public let credentials: Credentials
    public let store: ObjectStore
    public let inventory: Inventory
    public let bus: EventBus
    public let users: UserDirectory
    public let executions: ExecutionLog
    public let api: FileAPI
    public let changes: ChangeFeed
    public let clock: any PailClock
    let database: any SQLDatabase
    let deliverer: EventDeliverer
    private let wakeOnCommit: ChangeSubscription

    /// Opens (creating if needed) the data root at `root`, cleans what a crash left, and starts delivering.
    public static func open(root: String, options: EngineOptions = EngineOptions()) throws -> Engine {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PailError(.storageError, "Cannot create the data root \(root): \(error.localizedDescription)")
        }
        let databasePath = "\(root)/pail.sqlite"
        let blobs = LocalBlobStore(root: root)
        try RootDamage.refuseLostDatabase(databasePath, blobs: blobs)
        let database = GRDBDatabase(try PailDatabase.open(at: databasePath))
        let engine = try Engine(root: root, database: database, blobs: blobs, options: options)
        try engine.store.recover()
        try engine.store.runLifecycle()
        if options.deliverInBackground { engine.deliverer.start() }
        return engine
    }

    /// Opens an existing root for a command that reads what `user` holds, without the writer's set-up: one
    /// read-only connection, no lock or migration, no crash recovery, no lifecycle run. Nil when the root needs
    /// a writer first: it is missing or not migrated, `user` is new (their first use creates them), or events
    /// are due (`open` and its caller deliver them before reading).
    public static func openForReading(root: String, user: String, options: EngineOptions) throws -> Engine? {
        let databasePath = "\(root)/pail.sqlite"
        let blobs = LocalBlobStore(root: root)
        try RootDamage.refuseLostDatabase(databasePath, blobs: blobs)
        guard FileManager.default.fileExists(atPath: root + "/credentials.json"),
            let database = try PailDatabase.openReadOnly(at: databasePath)
        else { return nil }
        let engine = try Engine(root: root, database: GRDBDatabase(database), blobs: blobs, options: options)
        let ready = try engine.read { db in
            let nextDue = try engine.bus.nextDue(db, ignoringDelay: false)
            return try engine.users.get(db, user) != nil && nextDue.map { $0 > engine.clock.now() } ?? true
        }
        return ready ? engine : nil
    }

    init(root: String, database: any SQLDatabase, blobs: any BlobStore, options: EngineOptions) throws {
        self.root = root
        self.database = database
        clock = options.clock
        var credentials = try CredentialsFile.loadOrCreate(root: root)
        credentials.endpoint = try database.read(ServedEndpoint.get) ?? credentials.endpoint
        self.credentials = credentials
        let presigner = Presigner(credentials: credentials)
        users = UserDirectory(clock: clock)
        inventory = Inventory()
        bus = EventBus(rules: Self.rules, clock: clock, delay: options.delay)
        executions = ExecutionLog()
        changes = ChangeFeed(database: database)
        try blobs.prepare()
        store = ObjectStore(
            database: database, blobs: blobs, presigner: presigner, bus: bus, users: users, clock: clock, changes: changes)
        deliverer = EventDeliverer(
            database: database, bus: bus,
            workflows: [
                UpdateInventory(store: store, inventory: inventory), DeleteFile(store: store), MoveFile(store: store),
                CopyFile(store: store),
            ],
            store: store, inventory: inventory, log: executions, clock: clock, changes: changes, chaos: options.chaos)
        api = FileAPI(
            database: database, store: store, inventory: inventory, bus: bus, users: users, presigner: presigner,
            clock: clock, changes: changes)
        // Whatever this process commits may have published events: deliver what is due at once.
        wakeOnCommit = changes.subscribeToLocalChanges { [weak deliverer] in deliverer?.wake() }
    }

    /// The rules wiring the buses to the workflows.
    static let rules: [EventRule] = {
        func rule(_ name: String, _ bus: BusName, _ pattern: JSONValue, _ target: String) -> EventRule {
            // The patterns are constants of this file: a bad one is a programming error caught by every test.
            EventRule(name: name, bus: bus, pattern: try! EventPattern(json: pattern), target: target)
        }
        return [
            rule(
                "StoreChangesToInventory", .default,
                [
                    "source": [.string(StoreEvents.source)],
                    "detail-type": [.string(StoreEvents.objectCreated), .string(StoreEvents.objectDeleted)],
                ],
                WorkflowName.updateInventory),
            rule(
                "DeleteFileCommands", .pail,
                ["source": [.string(FileCommands.source)], "detail-type": [.string(FileCommands.deleteFile)]],
                WorkflowName.deleteFile),
            rule(
                "MoveFileCommands", .pail,
                ["source": [.string(FileCommands.source)], "detail-type": [.string(FileCommands.moveFile)]],
                WorkflowName.moveFile),
            rule(
                "CopyFileCommands", .pail,
                ["source": [.string(FileCommands.source)], "detail-type": [.string(FileCommands.copyFile)]],
                WorkflowName.copyFile),
        ]
    }()

    /// Delivers everything pending (dead letters aside) and returns when idle; `Timeout` otherwise.
    /// By default events held for the consistency delay are delivered at once.
    @discardableResult
    public func waitUntilIdle(timeout: TimeInterval = 60, ignoringDelay: Bool = true) throws -> Int {
        guard timeout >= 0 else { throw PailError(.invalidArgument, "The timeout must be 0 seconds or more, not \(timeout)") }
        return try deliverer.waitUntilIdle(timeout: timeout, ignoringDelay: ignoringDelay)
    }

    /// Delivers events that are due now (not those still held), for up to `budget` seconds.
    public func deliverDue(budget: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(budget)
        while Date() < deadline, try deliverer.deliverBatch() > 0 {}
    }

    /// Reads from the root's database (a consistent snapshot). Front ends ask the engine's own methods
    /// instead; `package` for pail-bench, which seeds and probes tables directly.
    package func read<T>(_ body: (any SQL) throws -> T) throws -> T { try database.read(body) }

    /// Writes to the root's database in one transaction (`package`, as `read`).
    package func write<T>(_ body: (any SQL) throws -> T) throws -> T {
        let result = try database.write(body)
        changes.notify()
        return result
    }

    /// Events still to be delivered (dead letters aside): what the UI's events pane counts.
    public func liveEventCount() throws -> Int { try read { try bus.liveCount($0) } }

    /// Events that failed too often and wait for `redrive`.
    public func deadLetterCount() throws -> Int { try read { try bus.deadCount($0) } }

    /// Workflow runs, newest first (only failed ones if `failedOnly`).
    public func executions(failedOnly: Bool = false, limit: Int = 100) throws -> [Execution] {
        try read { try executions.list($0, failedOnly: failedOnly, limit: limit) }
    }

    /// The events not yet delivered, oldest first.
    public func pendingEvents(limit: Int = 10_000) throws -> [Delivery] {
        try read { try bus.pending($0, limit: limit) }
    }

    /// Sends dead-lettered events again; returns how many.
    public func redrive() throws -> Int {
        let count = try write { try bus.redrive($0) }
        deliverer.wake()
        return count
    }

    /// Stops background delivery.
    public func close() { deliverer.stop() }
}
