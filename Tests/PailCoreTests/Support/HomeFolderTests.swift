import Foundation
import PailCore
import Testing

@Suite("Home folder")
struct HomeFolderTests {
    static var passwdHome: String { String(cString: getpwuid(getuid())!.pointee.pw_dir) }

    @Test func homeIsDollarHomeElseThePasswdEntry() {
        #expect(HomeFolder.path(environment: ["HOME": "/tmp/elsewhere"]) == "/tmp/elsewhere")
        #expect(HomeFolder.path(environment: [:]) == Self.passwdHome)
        #expect(HomeFolder.path(environment: ["HOME": ""]) == Self.passwdHome)
        #expect(HomeFolder.path(environment: ["HOME": "relative"]) == Self.passwdHome)
    }

    @Test func onlyALeadingTildeIsExpanded() {
        #expect(HomeFolder.expand("~", home: "/h") == "/h")
        #expect(HomeFolder.expand("~/a.txt", home: "/h") == "/h/a.txt")
        #expect(HomeFolder.expand("~bob/a.txt", home: "/h") == "~bob/a.txt")
        #expect(HomeFolder.expand("a/~/b", home: "/h") == "a/~/b")
        #expect(HomeFolder.expand("/abs", home: "/h") == "/abs")
    }
}
