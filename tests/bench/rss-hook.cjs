// Loaded with `node --import` by the benchmark: reports the process's peak memory on exit.
process.on('exit', () => process.stderr.write(`\nIMPRINT_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`));
