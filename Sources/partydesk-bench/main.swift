// Benchmarks, not tests (docs/performance.md has the figures and how to read them). Build and run:
//   swift build -c release --product partydesk-bench && B=.build/release/partydesk-bench
//   $B [--keys N] [--width W] [--height H] [--workspace DIR]   key → frame on the activities pane (demo without DIR)
//   $B --reloads N                                             the wall display's reload cycle, and its memory
//   $B --workspace DIR --open [--runs N]                       cold open to first frame, N separate processes
//   $B --workspace DIR --rescore [--runs N]                    full-year rescore of every branch
//   $B --workspace DIR --edit [--runs N]                       one edit saved durably (writes into DIR: use a copy): an
//                                                              activity, a training activity, a dues payment (党员 pane),
//                                                              a rectification moved on, a check with two findings
//   $B --workspace DIR --validate [--runs N]                   validate beside python3's json.load of the same files
//   $B --workspace DIR --import [--rows N]                     `partydesk import` of an N-row activities CSV (default
//                                                              200,000): dry run, import, re-import; time and peak memory
//                                                              of each process (writes into DIR: use a copy)
//   $B --workspace DIR --import-xlsx [--rows N] [--runs N]     the same sheet as an .xlsx written by XLSXWriter (default
//                                                              100,000 rows): SheetFile.read in this process, then
//                                                              `partydesk import --dry-run` (read + plan), time and peak memory
// Each prints a median with its range over the runs.
import Foundation
import PartyModel
import PartyTUI
import PartyTerminal
import PartyStore

var keys = 1000, width = 120, height = 40, reloads = 0
var runsOption: Int? = nil
var workspaceDir: String? = nil
var mode = "keys"
var daysLater = 0
var importRows: Int? = nil
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--keys": keys = Int(args.next() ?? "") ?? keys
    case "--width": width = Int(args.next() ?? "") ?? width
    case "--height": height = Int(args.next() ?? "") ?? height
    case "--reloads": reloads = Int(args.next() ?? "") ?? reloads
    case "--runs": runsOption = max(1, Int(args.next() ?? "") ?? 1)
    case "--days-later": daysLater = Int(args.next() ?? "") ?? 0   // the open's runs: as of a day after the first
    case "--workspace": workspaceDir = args.next()
    case "--rows": importRows = Int(args.next() ?? "")
    case "--open", "--rescore", "--edit", "--validate", "--import", "--import-xlsx": mode = String(arg.dropFirst(2))
    default:
        print("usage: partydesk-bench [--keys N] [--width W] [--height H] [--reloads N] [--workspace DIR [--open|--rescore|--edit|--validate|--import|--import-xlsx [--rows N]] [--runs N]]")
        exit(2)
    }
}

/// Resident memory in MB, from /proc.
func residentMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

if reloads > 0 {
    // The wall display's reload cycle, in process: read every file, derive every figure, render a page.
    let dir = NSTemporaryDirectory() + "partydesk-bench-reload-\(getpid())"
    let store = WorkspaceStore(directory: dir)
    _ = try store.create(DemoWorkspace.make(asOf: Day(year: 2026, month: 11, day: 21)!))
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var marks: [(Int, Double)] = [(0, residentMB())]
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 1...reloads {
        do {
            let ws = try store.load().workspace
            let data = DashboardData(workspace: ws, year: 2026, quarter: 4, asOf: Day(year: 2026, month: 11, day: 21)!, lang: .zh)
            let state = DisplayState(data: data, pages: DisplayPage.allCases, width: 120, height: 40, clock: "", loadedAt: "")
            _ = DisplayViews.render(state)
        } catch { print("reload failed: \(error)"); exit(1) }
        if i == 10 || i == 100 || i % max(1, reloads / 10) == 0 { marks.append((i, residentMB())) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("partydesk-bench: \(reloads) reload cycles (load + figures + render) in \(String(format: "%.1f", seconds)) s")
    print("resident memory (MB) after cycles: " + marks.map { "\($0.0): \(String(format: "%.1f", $0.1))" }.joined(separator: ", "))
    exit(0)
}

let firstDay = Day(year: 2026, month: 11, day: 21)!
let asOf = firstDay.adding(days: daysLater)
func ms(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func peakMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

/// "median (min–max)" of a list of figures.
func spread(_ values: [Double], _ unit: String = "ms") -> String {
    String(format: "%.0f %@ (%.0f–%.0f)", median(values), unit, values.min() ?? 0, values.max() ?? 0)
}

/// `partydesk import --data DIR --what activities FILE EXTRA…` in its own process: wall time, peak
/// resident memory (wait4), exit status, the first line it printed (the file's path as FILE), errors.
func timedImport(dir: String, file: String, _ extra: [String]) -> (seconds: Double, peakMB: Double, status: Int32, said: String, errors: String) {
    let partydesk = ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        .replacingOccurrences(of: "partydesk-bench", with: "partydesk")
    var pid: pid_t = 0
    let argv = [partydesk, "import", "--data", dir, "--what", "activities", file] + extra
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    let out = NSTemporaryDirectory() + "partydesk-bench-import-\(getpid()).out"
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, out + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, partydesk, &actions, nil, cArgs, environ) == 0 else { print("cannot run \(partydesk)"); exit(1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    posix_spawn_file_actions_destroy(&actions)
    let said = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
    let errors = (try? String(contentsOfFile: out + ".err", encoding: .utf8)) ?? ""
    unlink(out); unlink(out + ".err")
    return (seconds, Double(usage.ru_maxrss) / 1024, status >> 8, said.replacingOccurrences(of: file, with: "FILE"), errors)
}

if let dir = workspaceDir {
    let store = WorkspaceStore(directory: dir)
    let runs = runsOption ?? (mode == "validate" ? 3 : 9)
    switch mode {
    case "open" where runs > 1:
        // Each run is a new process (a person starting the dashboard): nothing in memory but the
        // operating system's file cache. The wall time also counts starting and ending the process.
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var load: [Double] = [], figures: [Double] = [], total: [Double] = [], peak: [Double] = [], wall: [Double] = []
        var keptFrame: [Double] = [], fingerprint: [Double] = [], same = 0
        // One run first, unmeasured, that keeps the first screens as the dashboard keeps them (today's
        // and the next days'); then every other run opens as of the next day.
        for run in -1..<runs {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: me)
            p.arguments = ["--workspace", dir, "--open", "--runs", "1", "--width", "\(width)", "--height", "\(height)",
                           "--days-later", run >= 0 && run % 2 == 1 ? "1" : "0"]
            let pipe = Pipe()
            p.standardOutput = pipe
            let t = DispatchTime.now().uptimeNanoseconds
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            // "open: kept first frame K ms (fingerprint P ms), load L ms, figures + first frame F ms, total T ms,
            //  peak memory M MB, same S"
            let numbers = out.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
            guard p.terminationStatus == 0, numbers.count >= 7 else { print("run failed: \(out)"); exit(1) }
            guard run >= 0 else { continue }
            guard numbers[0] >= 0 else { print("nothing kept by the run before: \(out)"); exit(1) }
            wall.append(ms(t))
            keptFrame.append(numbers[0]); fingerprint.append(numbers[1])
            load.append(numbers[2]); figures.append(numbers[3]); total.append(numbers[4]); peak.append(numbers[5])
            same += numbers[6] == 1 ? 1 : 0
        }
        print("cold open to first frame, \(runs) separate processes, median (min–max):")
        print("  from the first screens kept by the last session (no file changed; every other run a day later): \(spread(keptFrame)), of which the files' fingerprint \(spread(fingerprint));")
        print("    the kept screen equal cell for cell to the one worked out from the files: \(same) of \(runs)")
        print("  from the files: load \(spread(load)), figures + first frame \(spread(figures)), total \(spread(total))")
        print("  peak memory \(spread(peak, "MB")); process wall time incl. start and exit \(spread(wall))")
    case "open":
        // Cold open to first frame, as the dashboard does it. First the overview the last session
        // kept, when no file changed since (the files' fingerprint, the kept figures, the frame);
        // then, as when nothing is kept: read the files (the current year's activities and checks;
        // older years on demand), derive the figures, render the overview — and compare the two.
        let years: @Sendable (WorkspaceSettings) -> Set<Int>? = { DashboardData.years(for: $0.currentYear, asOf: asOf) }
        let cache = FigureCache(workspace: dir, environment: ProcessInfo.processInfo.environment)
        let tk = DispatchTime.now().uptimeNanoseconds
        let fingerprint = store.fingerprint(years: years)
        let fingerprintTime = ms(tk)
        let kept = fingerprint.flatMap { cache.read(FirstScreen.self, key: cache.key(fingerprint: $0, asOf: asOf)) }
        let keptFrame = kept.map { Views.preview($0, chrome: Chrome($0, width: width, height: height, lang: .zh, readOnly: false, lockHolder: nil, message: nil)) }
        let keptTime = kept == nil ? -1 : ms(tk)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let loaded = try store.load(years: years)
        let t1 = DispatchTime.now().uptimeNanoseconds
        // PARTYDESK_BENCH_PHASES=1 with --runs 1: memory after the load (stderr, not parsed by the parent).
        let phases = ProcessInfo.processInfo.environment["PARTYDESK_BENCH_PHASES"] != nil
        if phases {
            FileHandle.standardError.write(String(format: "after load: resident %.0f MB, peak %.0f MB (%d members, %d payments, %d entries, %d activities)\n",
                                                  residentMB(), peakMB(), loaded.workspace.members.count, loaded.workspace.duesPayments.count,
                                                  loaded.workspace.trainingEntries.count, loaded.workspace.activities.count).data(using: .utf8)!)
        }
        let data = DashboardData.opening(loaded.workspace, loadedYears: loaded.years, asOf: asOf, lang: .zh)
        let state = AppState(data: data, width: width, height: height)
        let frame = Views.render(state)
        let fullTime = ms(t0)
        if phases {
            FileHandle.standardError.write(String(format: "after the first frame: resident %.0f MB, peak %.0f MB\n", residentMB(), peakMB()).data(using: .utf8)!)
        }
        if let fingerprint, kept == nil {
            // Kept as the dashboard keeps them: this day's and the next days' (worked out behind a session).
            let days = FirstScreen.daysKept(after: asOf)
            var screens = DashboardData.firstScreens(loaded.workspace, loadedYears: loaded.years, asOf: asOf, days: days, lang: .zh,
                                                     compliance: data.compliance)
            screens[asOf] = data.firstScreen
            cache.write(screens, fingerprint: fingerprint)
        }
        print(String(format: "open: kept first frame %.0f ms (fingerprint %.0f ms), load %.0f ms, figures + first frame %.0f ms, total %.0f ms, peak memory %.0f MB, same %d",
                     keptTime, fingerprintTime, Double(t1 - t0) / 1e6, ms(t1), fullTime, peakMB(), keptFrame == frame ? 1 : 0))
    case "rescore":
        // What an edit costs the figures: rebuild the scoring engine (its check and rectification
        // indexes) over the loaded workspace and score every branch for the year. The ledger index
        // is built once per load and reported apart.
        let ws = try store.load().workspace
        let t0 = DispatchTime.now().uptimeNanoseconds
        let calculator = ComplianceCalculator(ws)
        let indexTime = ms(t0)
        var engineTimes: [Double] = [], yearTimes: [Double] = [], totals: [Double] = []
        for _ in 0..<runs {
            let t = DispatchTime.now().uptimeNanoseconds
            let engine = ScoringEngine(ws, compliance: calculator)
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = engine.year(2026, asOf: asOf)
            engineTimes.append(Double(t1 - t) / 1e6)
            yearTimes.append(ms(t1))
            totals.append(ms(t))
        }
        print(String(format: "ledger index over %d activities: %.0f ms (once per load)", ws.activities.count, indexTime))
        print("rescore (full year, all \(ws.organisation.branches.count) branches), \(runs) runs, median (min–max): \(spread(totals))"
              + String(format: " = engine %.0f + year %.0f ms", median(engineTimes), median(yearTimes)))
        // The member ledger keeps what it works out (each branch's session hours and training) for its
        // life: the first run counts them, the later ones (as after an edit that moved no member) read them.
        print(String(format: "  of which the first run (the member ledger's hours and training counted): %.0f ms", totals[0]))
    case "edit":
        // As the dashboard edits: the current year read, the activities pane on screen. Each edit is
        // timed to durable (Editor.commit returns) and on to the next frame drawn with its effect
        // everywhere (ledger counted again for the branch, scores, alerts, the pane's table).
        var loaded = try store.load(years: { DashboardData.years(for: $0.currentYear, asOf: asOf) })
        let editor = Editor(store: store, user: "bench", host: "bench")
        var state = AppState(data: DashboardData(workspace: loaded.workspace, year: 2026, quarter: 4, asOf: asOf, lang: .zh,
                                                 loadedYears: loaded.years), width: width, height: height)
        _ = Update.handle(.char("8"), &state)
        _ = Views.render(state)
        var times: [Double] = [], frames: [Double] = []
        for i in 0..<runs {
            let a = Activity(id: "bench-\(getpid())-\(i)", branchId: loaded.workspace.organisation.branches[i % 50].id, kind: .talk, date: asOf, title: "基准测试")
            let change = Change.activity(before: nil, after: a)
            let t = DispatchTime.now().uptimeNanoseconds
            try editor.commit(change, to: &loaded)
            times.append(ms(t))
            let (workspace, years) = (loaded.workspace, loaded.years)
            // What the dashboard does with a save that landed (its tables carried over, not rebuilt).
            _ = Update.update(.saved(change, undo: false, workspace: workspace, loadedYears: years, journalProblem: nil), &state)
            _ = Views.render(state)
            frames.append(ms(t))
        }
        print("one edit saved durably (validated, file written and fsynced, backup, journal), \(runs) edits, median (min–max): \(spread(times)) (writes to \(dir))")
        print("  and to the next frame showing it everywhere (figures and the \(state.visible[.activities]?.count ?? 0)-row activities pane): \(spread(frames))")
        // A training activity: it moves members' hours (the member ledger follows it).
        var trainingTimes: [Double] = [], trainingFrames: [Double] = []
        for i in 0..<runs {
            let a = Activity(id: "bench-\(getpid())-t\(i)", branchId: loaded.workspace.organisation.branches[50 + i % 50].id, kind: .training,
                             date: asOf, title: "基准测试培训", hours: 4, attended: 5, expected: 6)
            let change = Change.activity(before: nil, after: a)
            let t = DispatchTime.now().uptimeNanoseconds
            try editor.commit(change, to: &loaded)
            trainingTimes.append(ms(t))
            _ = Update.update(.saved(change, undo: false, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: nil), &state)
            _ = Views.render(state)
            trainingFrames.append(ms(t))
        }
        print("a training activity (members' hours move) saved durably, \(runs) edits: \(spread(trainingTimes)); to the next frame: \(spread(trainingFrames))")
        // A 党费 payment as the 党员 pane's form records it (p): a member's oldest unpaid month at its due,
        // the form's new id and check, the commit, and the next frame on the 党员 pane.
        _ = Update.handle(.char("9"), &state)
        _ = Views.render(state)
        let owing: [Member] = {
            let ledger = state.data.compliance.members
            var seen = Set<String>(), list: [Member] = []
            for m in loaded.workspace.members where list.count < runs {
                guard let b = m.branch(on: asOf), !seen.contains(b), ledger.arrears(m, asOf: asOf) > 0 else { continue }
                seen.insert(b); list.append(m)
            }
            return list
        }()
        var formTimes: [Double] = [], duesTimes: [Double] = [], duesFrames: [Double] = []
        for m in owing {
            let ledger = state.data.compliance.members
            let month = YearMonth(asOf).adding(months: -ledger.arrears(m, asOf: asOf))
            let t = DispatchTime.now().uptimeNanoseconds
            let payment = DuesPayment(id: loaded.workspace.newDuesPaymentId(year: asOf.year), memberId: m.id, branchId: m.branch(on: asOf)!,
                                      months: [month], amount: ledger.monthlyDue(m, month)?.yuan, paidOn: asOf, method: .wechat)
            guard Validator.validate(duesPayment: payment, in: loaded.workspace).isEmpty else { print("payment refused: \(payment)"); exit(1) }
            formTimes.append(ms(t))
            let change = Change.duesPayment(before: nil, after: payment)
            try editor.commit(change, to: &loaded)
            duesTimes.append(ms(t))
            _ = Update.update(.saved(change, undo: false, workspace: loaded.workspace, loadedYears: loaded.years, journalProblem: nil), &state)
            _ = Views.render(state)
            duesFrames.append(ms(t))
        }
        if !owing.isEmpty {
            print("a dues payment (the form's id and check, then saved durably), \(owing.count) payments: form \(spread(formTimes)), durable \(spread(duesTimes));"
                  + " to the next frame (the \(state.visible[.members]?.count ?? 0)-row 党员 pane): \(spread(duesFrames))")
        }
        // The other everyday edit: moving a rectification on (整改: open → in progress).
        var moves: [Double] = []
        for r in loaded.workspace.rectifications.filter({ $0.status == .open }).prefix(runs) {
            guard case .success(let next) = r.applying(.start, on: asOf) else { continue }
            let t = DispatchTime.now().uptimeNanoseconds
            try editor.commit(.rectification(before: r, after: next), to: &loaded)
            moves.append(ms(t))
        }
        if !moves.isEmpty { print("a rectification moved on and saved durably, \(moves.count) moves, median (min–max): \(spread(moves))") }
        // The quarterly check as the check form records it: the check and its findings, one batch.
        var recorded: [Double] = []
        let checked = Set(loaded.workspace.checks.filter { $0.year == 2026 && $0.quarter == 4 }.map(\.branchId))
        for branch in loaded.workspace.organisation.branches.filter({ !checked.contains($0.id) }).prefix(runs) {
            let check = QuarterlyCheck(id: "bench-\(getpid())-\(branch.id)", branchId: branch.id, year: 2026, quarter: 4, date: asOf,
                                       inspectors: ["基准"], points: [:])
            let findings = (1...2).map { n in
                Rectification(id: "\(check.id)-\(n)", branchId: branch.id, sourceCheckId: check.id, category: "组织生活",
                              description: "基准测试问题\(n)", owner: "书记", openedOn: asOf, dueOn: asOf.adding(days: 30))
            }
            let t = DispatchTime.now().uptimeNanoseconds
            try editor.commit(.batch([.check(before: nil, after: check)] + findings.map { .rectification(before: nil, after: $0) }), to: &loaded)
            recorded.append(ms(t))
        }
        if !recorded.isEmpty { print("a quarterly check with two findings recorded durably (one batch), \(recorded.count) checks, median (min–max): \(spread(recorded))") }
    case "validate":
        // Ours and python's json.load of the same files, alternately, so both see the same machine.
        var ours: [Double] = [], python: [Double] = [], ratios: [Double] = []
        var problemCount = 0
        for _ in 0..<runs {
            let t = DispatchTime.now().uptimeNanoseconds
            let loaded = try store.load()
            problemCount = store.validate(loaded).count
            ours.append(ms(t))
            let script = "import json,os,time\nt=time.time()\nfor r,d,f in os.walk('\(dir)'):\n  d[:]=[x for x in d if not x.startswith('.')]\n  [json.load(open(os.path.join(r,x),encoding='utf-8')) for x in f if x.endswith('.json')]\nprint((time.time()-t)*1000)"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", script]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            python.append(Double(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan)
            ratios.append(ours.last! / python.last!)
        }
        print("validate (\(problemCount) problems), \(runs) runs, median (min–max): \(spread(ours)); python json.load of the same files: \(spread(python))")
        print(String(format: "ratio median %.2f (%.2f–%.2f)", median(ratios), ratios.min()!, ratios.max()!))
    case "import":
        // The sheet an office brings: N activities of the current year over every branch in
        // service, the kinds in turn, Chinese headers, UTF-8 with a BOM as Excel saves it.
        let rows = importRows ?? 200_000
        let ws = try store.load(years: { [$0.currentYear] }).workspace
        let year = ws.settings.currentYear
        let branches = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1))
        let kinds: [ActivityKind] = [.generalMeeting, .committeeMeeting, .groupMeeting, .partyLesson, .themedPartyDay, .studySession]
        var csv = "支部,类型,日期,标题,学时,实到,应到\r\n"
        for i in 0..<rows {
            let b = branches[i % branches.count]
            let day = Day(year: year, month: 1 + i % 11, day: 1 + (i / 11) % 28)!
            csv += "\(b.id),\(kinds[i % kinds.count].name(.zh)),\(day.iso),导入台账 第\(i + 1)条,\(i % 4 == 0 ? "" : "2"),\(5 + i % 7),12\r\n"
        }
        let file = NSTemporaryDirectory() + "partydesk-bench-import-\(getpid()).csv"
        _ = FileManager.default.createFile(atPath: file, contents: TextEncoding.utf8BOM.encode(csv))
        defer { unlink(file) }
        print("partydesk-bench: import of \(rows) activity rows (\(csv.utf8.count / 1_000_000) MB) into \(dir) (\(branches.count) branches)")
        for (label, extra) in [("dry run (read, check every row and record)", ["--dry-run"]), ("import (checked, applied, saved, journalled)", []),
                               ("the same file again", [])] {
            let run = timedImport(dir: dir, file: file, extra)
            print(String(format: "%@: %.2f s, peak %.0f MB, exit %d — %@", label, run.seconds, run.peakMB, run.status, run.said))
            if !run.errors.isEmpty { print(run.errors.split(separator: "\n").prefix(5).joined(separator: "\n")) }
        }
    case "import-xlsx":
        // The same sheet as --import, as a workbook: written by XLSXWriter (dates as real dates,
        // counts and hours as numbers, text in shared strings), then read as `partydesk import` reads it.
        let rows = importRows ?? 100_000
        let runs = runsOption ?? 3
        let ws = try store.load(years: { [$0.currentYear] }).workspace
        let year = ws.settings.currentYear
        let branches = ws.organisation.branches(inServiceOn: Day.firstOf(year: year, month: 1))
        let kinds: [ActivityKind] = [.generalMeeting, .committeeMeeting, .groupMeeting, .partyLesson, .themedPartyDay, .studySession]
        let file = NSTemporaryDirectory() + "partydesk-bench-import-\(getpid()).xlsx"
        defer { unlink(file) }
        do {
            var sheet: [[CSV.Cell]] = [["支部", "类型", "日期", "标题", "学时", "实到", "应到", "地点", "主持人", "备注"]]
            sheet.reserveCapacity(rows + 1)
            for i in 0..<rows {
                let b = branches[i % branches.count]
                let day = Day(year: year, month: 1 + i % 11, day: 1 + (i / 11) % 28)!
                sheet.append([.text(b.id), .text(kinds[i % kinds.count].name(.zh)), .date(day), .text("导入台账 第\(i + 1)条"),
                              i % 4 == 0 ? .text("") : .number(2), .number(5 + i % 7), .number(12), .text("党员活动室"), .text("张三"),
                              .text(i % 10 == 0 ? "会议记录见附件" : "")])
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let data = try XLSXWriter.workbook([(name: "活动", rows: sheet)])
            let written = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            _ = FileManager.default.createFile(atPath: file, contents: data)
            print(String(format: "partydesk-bench: %d activity rows × 10 columns as .xlsx (%.1f MB, written in %.2f s) into %@ (%d branches)",
                         rows, Double(data.count) / 1_000_000, written, dir, branches.count))
        }
        var reads: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let (grid, _) = try SheetFile.read(path: file)
            reads.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            precondition(grid.rows.count == rows + 1)
        }
        print(String(format: "SheetFile.read (in this process), %d runs: median %.2f s (%.2f–%.2f)", runs, median(reads), reads.min()!, reads.max()!))
        var seconds: [Double] = [], peaks: [Double] = []
        var said = ""
        for _ in 0..<runs {
            let run = timedImport(dir: dir, file: file, ["--dry-run"])
            seconds.append(run.seconds); peaks.append(run.peakMB)
            said = run.said
            if !run.errors.isEmpty { print(run.errors.split(separator: "\n").prefix(5).joined(separator: "\n")) }
        }
        print(String(format: "partydesk import --dry-run (read + check every row and record), %d runs: median %.2f s (%.2f–%.2f), peak %.0f MB (%.0f–%.0f) — %@",
                     runs, median(seconds), seconds.min()!, seconds.max()!, median(peaks), peaks.min()!, peaks.max()!, said))
    default:
        break
    }
    if mode != "keys" { exit(0) }
}
let workspace = try workspaceDir.map { try WorkspaceStore(directory: $0).load().workspace } ?? DemoWorkspace.make(asOf: asOf)
var state = AppState(data: DashboardData(workspace: workspace, year: 2026, quarter: 4, asOf: asOf, lang: .zh),
                     width: width, height: height)
// The largest pane: activities (one year of the ledger).
_ = Update.handle(.char("8"), &state)

let outputPath = NSTemporaryDirectory() + "partydesk-bench-\(getpid()).out"
guard let file = fopen(outputPath, "w") else { print("cannot write \(outputPath)"); exit(1) }
let screen = CursesScreen(theme: Theme.builtIn, noColor: false, output: (file, "xterm-256color", width, height))
screen.draw(Views.render(state))
fflush(file)

// Navigation keys: mostly down, with page moves and jumps, like a person scanning a list.
let pattern: [Key] = Array(repeating: .down, count: 20) + [.pageDown, .down, .up, .pageUp, .char("j"), .char("k"), .char("G"), .char("g")]
var samples: [Double] = []
var bytes: [Int] = []
var lastSize = ftell(file)
for i in 0..<keys {
    let key = pattern[i % pattern.count]
    let start = DispatchTime.now().uptimeNanoseconds
    _ = Update.handle(key, &state)
    let canvas = Views.render(state)
    screen.draw(canvas)
    let end = DispatchTime.now().uptimeNanoseconds
    fflush(file)
    let size = ftell(file)
    samples.append(Double(end - start) / 1_000_000)
    bytes.append(size - lastSize)
    lastSize = size
}
screen.shutdown()
unlink(outputPath)

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}
let sortedBytes = bytes.map(Double.init)
print("partydesk-bench: \(keys) navigation keys on the activities pane (\(state.visible[.activities]?.count ?? 0) rows), \(width)x\(height)")
print(String(format: "key -> frame  p50 %.3f ms  p99 %.3f ms  max %.3f ms", percentile(samples, 0.5), percentile(samples, 0.99), samples.max() ?? 0))
print(String(format: "bytes per key p50 %.0f  p99 %.0f  mean %.0f", percentile(sortedBytes, 0.5), percentile(sortedBytes, 0.99),
             sortedBytes.reduce(0, +) / Double(max(1, sortedBytes.count))))
