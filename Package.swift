// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PartyDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "partydesk", targets: ["partydesk"]),
        .library(name: "PartyModel", targets: ["PartyModel"]),
        .library(name: "PartyStore", targets: ["PartyStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // .xlsx is a ZIP of XML parts: the container read and written by ZIPFoundation (zlib's deflate).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // ncursesw through pkg-config; the shim defines the wide-character macros SwiftPM drops.
        .systemLibrary(
            name: "CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Pure domain: value types, rules, scoring, validation, demo data. No I/O, no ncurses.
        .target(name: "PartyModel"),
        // The workspace on disk: JSON files, schema versions, crash-safe saves.
        // Sheets in and out: CSV, tab text, .xlsx (ZIPFoundation for the container, FoundationXML's parser).
        .target(name: "PartyStore", dependencies: ["PartyModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // PostgreSQL (issue 20): a connection by a libpq URI, the schema and its migrations, a JSON
        // workspace pushed into a database and pulled back. libpq is loaded at run time (dlopen,
        // LibPQ.swift), not linked: nothing to build against (no libpq-dev; postgres-nio's first build
        // took 3 min 48 s here, docs/deployment.md), its calls are synchronous like the dashboard's
        // loop, and the one partydesk binary starts without libpq5 until a postgresql:// URI is used.
        .target(name: "PartyPostgres", dependencies: ["PartyModel", "PartyStore"]),
        // Dashboard state and rendering into a canvas (pure).
        .target(name: "PartyTUI", dependencies: ["PartyModel"]),
        // The terminal backend: shows a canvas through ncursesw, reads keys, restores the terminal.
        .target(name: "PartyTerminal", dependencies: ["PartyModel", "PartyTUI", "CNCursesW"]),
        .executableTarget(
            name: "partydesk",
            dependencies: [
                "PartyModel", "PartyStore", "PartyPostgres", "PartyTUI", "PartyTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift run -c release partydesk-bench`: key → frame timings and bytes per key (not a test).
        .executableTarget(name: "partydesk-bench", dependencies: ["PartyModel", "PartyStore", "PartyTUI", "PartyTerminal"]),
        // Test helper: saves a workspace in a loop so tests can SIGKILL it mid-save.
        .executableTarget(
            name: "partydesk-save-loop",
            dependencies: ["PartyModel", "PartyStore", "PartyPostgres"],
            path: "Tests/Helpers/SaveLoop"
        ),
        // Shared by the test targets: temp directories, running the built binaries.
        .target(name: "TestSupport", dependencies: ["PartyModel", "PartyStore"], path: "Tests/TestSupport"),
        .testTarget(name: "PartyModelTests", dependencies: ["PartyModel", "TestSupport"]),
        .testTarget(name: "PartyStoreTests", dependencies: ["PartyModel", "PartyStore", "TestSupport"]),
        .testTarget(name: "PartyTUITests", dependencies: ["PartyModel", "PartyTUI", "TestSupport"]),
        .testTarget(name: "PartyTerminalTests", dependencies: ["PartyTUI", "PartyTerminal"]),
        .testTarget(name: "PartyDeskCLITests", dependencies: ["PartyModel", "PartyStore", "PartyTUI", "PartyPostgres", "TestSupport"]),
        // Against a real, throwaway PostgreSQL server the tests start themselves.
        .testTarget(name: "PartyPostgresTests", dependencies: ["PartyPostgres", "PartyModel", "PartyStore", "TestSupport"]),
    ]
)
