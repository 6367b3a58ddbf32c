// Benchmark: key → new frame on the demo workspace, in process. Not a test: run it with
//   swift run -c release partydesk-bench [--keys N] [--width W] [--height H]
// It reports p50/p99/max of update + render + draw per key, and the bytes ncurses writes to the
// terminal per key (written to a file through newterm, TERM=xterm-256color).
import Foundation
import PartyModel
import PartyTUI
import PartyTerminal

var keys = 1000, width = 120, height = 40
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--keys": keys = Int(args.next() ?? "") ?? keys
    case "--width": width = Int(args.next() ?? "") ?? width
    case "--height": height = Int(args.next() ?? "") ?? height
    default: print("usage: partydesk-bench [--keys N] [--width W] [--height H]"); exit(2)
    }
}

let asOf = Day(year: 2026, month: 11, day: 21)!
let workspace = DemoWorkspace.make(asOf: asOf)
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
