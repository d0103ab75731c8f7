import Foundation
import Testing

@testable import PailTUI

/// The mailbox background work posts to: the UI thread waits on its `wakeUp` beside the terminal, so a
/// listing read or an engine change reaches the screen at once rather than at the next input timeout.
@Suite("Mailbox")
struct MailboxTests {
    static func isReadable(_ fd: Int32, within milliseconds: Int32) -> Bool {
        var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, milliseconds) == 1
    }

    @Test func aPostWakesTheWaiterAndDrainingQuietsIt() throws {
        let mailbox = Mailbox()
        #expect(mailbox.wakeUp >= 0)
        #expect(!Self.isReadable(mailbox.wakeUp, within: 0), "nothing posted yet")
        // A post from another thread ends a wait that would otherwise last 5 s.
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) { mailbox.post(.engineChanged) }
        #expect(Self.isReadable(mailbox.wakeUp, within: 5_000))
        #expect(Date().timeIntervalSince(started) < 2)
        for _ in 0..<100_000 { mailbox.post(.engineChanged) }  // more than a pipe holds: posting never blocks
        #expect(mailbox.drain().count == 100_001)
        #expect(!Self.isReadable(mailbox.wakeUp, within: 0), "drained: the loop waits for the next post")
    }
}
