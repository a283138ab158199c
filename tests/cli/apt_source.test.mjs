// scripts/apt_source.sh: setup.sh takes the Debian archive from the machine's own apt sources
// (never a host named in the project), in both formats apt reads: deb822 .sources stanzas and
// one-line sources.list entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function archiveUri(files, codename = 'bookworm') {
  const etc = mkdtempSync(join(tmpdir(), 'lab-apt-'));
  mkdirSync(join(etc, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(etc, name), text);
  writeFileSync(join(etc, 'os-release'), `PRETTY_NAME="Debian"\nVERSION_CODENAME=${codename}\n`);
  const r = spawnSync('bash', ['-c', 'source scripts/apt_source.sh && debian_codename && debian_archive_uri'], {
    encoding: 'utf8', env: { ...process.env, APT_ETC: etc, OS_RELEASE: join(etc, 'os-release') },
  });
  assert.equal(r.status, 0, r.stderr);
  const [name, uri] = r.stdout.split('\n');
  assert.equal(name, codename);
  return uri;
}

test('deb822 .sources: the stanza for the release suite, not security or a third-party repo', () => {
  const uri = archiveUri({
    'sources.list.d/nodesource.sources': 'Types: deb\nURIs: https://node.example/node_20.x\nSuites: nodistro\nComponents: main\n',
    'sources.list.d/debian.sources': [
      '# mirror of the day', 'Types: deb', 'URIs: http://mirror.example/debian-security', 'Suites: bookworm-security',
      'Components: main', '', 'Types: deb deb-src', 'URIs: http://mirror.example/debian/ http://other.example/debian',
      'Suites: bookworm bookworm-updates', 'Components: main contrib', '',
    ].join('\n'),
  });
  assert.equal(uri, 'http://mirror.example/debian');
});

test('deb822: a disabled stanza is skipped', () => {
  const uri = archiveUri({
    'sources.list.d/a.sources': 'Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nEnabled: no\n\n' +
      'types: deb\nuris: http://on.example/debian\nsuites: bookworm\n',
  });
  assert.equal(uri, 'http://on.example/debian');
});

test('one-line sources.list: options in brackets and comments are handled', () => {
  const uri = archiveUri({
    'sources.list': [
      '# deb http://commented.example/debian bookworm main',
      'deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://security.example/debian-security bookworm-security main',
      'deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://line.example/debian bookworm main',
    ].join('\n') + '\n',
    'sources.list.d/extra.list': 'deb https://packages.example/apt cloud-sdk-bookworm main\n',
  });
  assert.equal(uri, 'http://line.example/debian');
});

test('another release reads its own suite; no matching entry gives an empty answer', () => {
  assert.equal(archiveUri({ 'sources.list': 'deb http://t.example/debian trixie main\n' }, 'trixie'), 'http://t.example/debian');
  assert.equal(archiveUri({ 'sources.list': 'deb http://t.example/debian trixie main\n' }, 'bookworm'), '');
});
