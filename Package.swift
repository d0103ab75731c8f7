// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Pail",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pail", targets: ["pail"]),
        .library(name: "PailCore", targets: ["PailCore"]),
        .library(name: "PailTUI", targets: ["PailTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(
            name: "PailCore",
            dependencies: [
                "CLinux",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own functions: `GRDBDatabase` binds arguments and reads columns in place with them.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PailServer",
            dependencies: [
                "PailCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "PailTUI", dependencies: ["PailCore", "CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "pail",
            dependencies: [
                "CLinux",
                "PailCore",
                "PailServer",
                "PailTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "pail-bench",
            dependencies: [
                "PailCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // What every test target shares: running child processes and botocore, temporary folders, test bytes.
        .target(
            name: "PailTestSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")], path: "Tests/PailTestSupport"),
        .testTarget(name: "PailCoreTests", dependencies: ["PailCore", "PailTestSupport"]),
        .testTarget(name: "PailServerTests", dependencies: ["PailServer", "PailCore", "PailTestSupport"]),
        .testTarget(name: "PailTUITests", dependencies: ["PailTUI", "PailCore", "PailTestSupport"]),
        .testTarget(
            name: "PailEndToEndTests",
            dependencies: ["PailCore", "PailTestSupport", "pail", "pail-bench", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Serve/clients"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
