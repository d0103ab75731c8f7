import Foundation
import PailCore
import Synchronization

/// A name a background transfer found taken, waiting for the user's answer in a dialog.
///
/// The transfer's thread waits in `ask` until the UI thread calls `answer`; a lowercase answer settles
/// this name, an uppercase one (`all`) every name still to come in the same transfer.
final class ConflictQuestion: Sendable, Equatable {
    /// The taken name (a path in the vault, or a local path).
    let name: String
    /// What the transfer is ("Uploading photos to docs/").
    let transfer: String
    private let reply = Mutex<(choice: ConflictChoice, forAll: Bool)?>(nil)
    private let answered = DispatchSemaphore(value: 0)

    init(name: String, transfer: String) {
        self.name = name
        self.transfer = transfer
    }

    static func == (lhs: ConflictQuestion, rhs: ConflictQuestion) -> Bool { lhs === rhs }

    /// Called on the UI thread: `choice` for this name, and for the rest of the transfer if `forAll`
    /// (`.refuse` cancels the transfer).
    func answer(_ choice: ConflictChoice, forAll: Bool = false) {
        reply.withLock { $0 = (choice, forAll) }
        answered.signal()
    }

    /// Called on the transfer's thread: blocks until answered.
    fileprivate func wait() -> (choice: ConflictChoice, forAll: Bool) {
        answered.wait()
        return reply.withLock { $0 } ?? (.refuse, false)
    }

    /// A policy that posts a question for each taken name to `mailbox` and waits for its answer; an
    /// answer "for all" is kept for the rest of the transfer; cancelling stops the transfer.
    static func policy(transfer: String, mailbox: Mailbox) -> ConflictPolicy {
        let forAll = Mutex<ConflictChoice?>(nil)
        return ConflictPolicy { name in
            if let choice = forAll.withLock({ $0 }) { return choice }
            let answer = try ask(name, transfer: transfer, mailbox: mailbox)
            if answer.forAll { forAll.withLock { $0 = answer.choice } }
            return answer.choice
        }
    }

    /// Posts a question for `name` to `mailbox` and waits for its answer; cancelling throws `Conflict`.
    static func ask(_ name: String, transfer: String, mailbox: Mailbox) throws -> (choice: ConflictChoice, forAll: Bool) {
        let question = ConflictQuestion(name: name, transfer: transfer)
        mailbox.post(.question(question))
        let answer = question.wait()
        if answer.choice == .refuse { throw PailError(.conflict, "Cancelled: \(name) already exists") }
        return answer
    }
}
