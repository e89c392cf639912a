/*
 * Command line: node test/ocp-sim --port 0 [--host 127.0.0.1] [--scenario FILE] [--clock-speed X]
 *                                  [--tls-key FILE --tls-cert FILE]
 * Prints "OCP simulator listening on URL" and runs until SIGINT/SIGTERM.
 */
import * as fs from 'node:fs';
import { startSimulator, type SimOptions } from './server';

export function parseArgs(argv: string[]): SimOptions {
  const opts: SimOptions = {};
  let key: string | undefined;
  let cert: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': opts.port = Number(value()); break;
      case '--host': opts.host = value(); break;
      case '--scenario': opts.scenario = value(); break;
      case '--clock-speed': opts.clockSpeed = Number(value()); break;
      case '--tls-key': key = fs.readFileSync(value(), 'utf8'); break;
      case '--tls-cert': cert = fs.readFileSync(value(), 'utf8'); break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) throw new Error('--port must be 0..65535');
  if (opts.clockSpeed !== undefined && !(opts.clockSpeed >= 0)) throw new Error('--clock-speed must be a number >= 0');
  if ((key === undefined) !== (cert === undefined)) throw new Error('--tls-key and --tls-cert go together');
  if (key !== undefined && cert !== undefined) opts.tls = { key, cert };
  return opts;
}

export async function main(argv: string[]): Promise<void> {
  let opts: SimOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(`ocp-sim: ${(err as Error).message}`);
    console.error('usage: node test/ocp-sim [--port 0] [--host 127.0.0.1] [--scenario FILE] [--clock-speed X] [--tls-key FILE --tls-cert FILE]');
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(opts);
  console.log(`OCP simulator listening on ${sim.url}`);
  const stop = () => {
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
