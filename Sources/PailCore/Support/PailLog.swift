import Logging

/// The engine's log. Nothing secret goes in: no credentials, no signatures, no presigned URLs.
let logger = Logger(label: "pail")
