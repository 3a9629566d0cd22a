// Makes sure the e2e tests have a browser: a system Chromium if there is one; as root with none,
// Debian's `chromium` package; otherwise Playwright's own download, where the network allows it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './find-chromium.js';

const found = findChromium();
if (found) {
  console.log(`e2e browser: ${found}`);
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('e2e browser: installing Debian chromium');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
} else {
  console.log("e2e browser: downloading Playwright's Chromium");
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}
