/// The two event buses: `default` carries store events, `pail` carries the application's commands.
public enum BusName: String, Sendable, Codable, CaseIterable {
    case `default`
    case pail
}

/// A rule on a bus: events matching its pattern are delivered to its target workflow.
public struct EventRule: Sendable {
    public let name: String
    public let bus: BusName
    public let pattern: EventPattern
    public let target: String

    public init(name: String, bus: BusName, pattern: EventPattern, target: String) {
        self.name = name
        self.bus = bus
        self.pattern = pattern
        self.target = target
    }
}
