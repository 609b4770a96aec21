// The `caretwin` command. Each subcommand lives in its own module; this file only wires them.
import { Command } from 'commander';
import { runDemo } from './demo';

const program = new Command('caretwin').description(
  'CareTwin — a regional healthcare digital twin for secondary medical areas (二次医療圏)',
);

program
  .command('demo')
  .description('run a small built-in engine demo (one ward, five years) and print what it did')
  .option('--seed <n>', 'random seed', '1')
  .action((options: { seed: string }) => {
    const seed = Number(options.seed);
    if (!Number.isSafeInteger(seed)) program.error(`--seed must be an integer (got ${options.seed})`);
    for (const line of runDemo({ seed })) console.log(line);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
