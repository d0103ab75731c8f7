public enum PailVersion { public static let string = "0.1.0" }
