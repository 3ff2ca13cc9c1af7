import { machine } from './bench-app';
import { benchDeadlineParser } from './deadline-parser.bench';
import { benchDocuments } from './documents.bench';
import { benchApiLoad } from './api-load.bench';
import { benchReminders } from './reminders.bench';
import { benchWorkPlanImport } from './work-plan-import.bench';

/** npm run bench: every benchmark in one run, figures printed with the machine they ran on. */
async function main() {
  console.log(`wg-secretariat benchmarks — ${new Date().toISOString()}\nmachine: ${machine()}\n`);
  const suites: [string, () => Record<string, string> | Promise<Record<string, string>>][] = [
    ['DeadlineParser', benchDeadlineParser],
    ['Work-plan import', benchWorkPlanImport],
    ['Reminders', benchReminders],
    ['API under load', benchApiLoad],
    ['Documents', benchDocuments],
  ];
  // `npm run bench -- reminders` runs only the suites whose name contains one of the words given.
  const selected = process.argv.slice(2).map((word) => word.toLowerCase());
  for (const [name, run] of suites.filter(
    ([suite]) => selected.length === 0 || selected.some((word) => suite.toLowerCase().includes(word)),
  )) {
    const figures = await run();
    console.log(`## ${name}`);
    for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(48)} ${value}`);
    console.log('');
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
