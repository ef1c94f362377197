import { buildPortal } from '../modules/portal/build';

buildPortal()
  .then((dir) => process.stdout.write(`Portal built in ${dir}\n`))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
