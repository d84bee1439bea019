/** Configuration from the environment and flags: defaults, coercion, errors naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, flagsToEnv, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives every variable its default when the environment sets none', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      TICK_RATE_HZ: 30,
      MAX_PLAYERS_PER_ROOM: 8,
      HEARTBEAT_INTERVAL_MS: 10_000,
      HEARTBEAT_TIMEOUT_MS: 10_000,
      ALLOWED_ORIGINS: '',
    });
  });

  it('reads numbers from strings, and treats an empty variable as unset', () => {
    const config = loadConfig({ TICK_RATE_HZ: '60', ROUND_SECONDS: '2.5', PORT: '' });
    expect(config.TICK_RATE_HZ).toBe(60);
    expect(config.ROUND_SECONDS).toBe(2.5);
    expect(config.PORT).toBe(3000);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', TICK_RATE_HZ: '20' })).not.toThrow();
  });

  it('refuses a bad value with an error naming the variable', () => {
    expect(() => loadConfig({ TICK_RATE_HZ: 'fast' })).toThrow(ConfigError);
    expect(() => loadConfig({ TICK_RATE_HZ: 'fast' })).toThrow(/TICK_RATE_HZ/);
    expect(() => loadConfig({ MAX_PLAYERS_PER_ROOM: '0' })).toThrow(/MAX_PLAYERS_PER_ROOM/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('keeps the link simulator off unless the host turns it on, and says what SIM_* needs', () => {
    expect(loadConfig({}).LINK_SIMULATOR).toBe('off');
    expect(() => loadConfig({ SIM_LAG_MS: '100' })).toThrow(/SIM_LAG_MS: needs LINK_SIMULATOR=on/);
    expect(loadConfig({ SIM_LAG_MS: '100', LINK_SIMULATOR: 'on' }).SIM_LAG_MS).toBe(100);
  });

  it('keeps the input backlog above the input buffer', () => {
    expect(loadConfig({ INPUT_BUFFER_TICKS: '0', INPUT_BACKLOG_MAX: '2' }).INPUT_BUFFER_TICKS).toBe(
      0,
    );
    expect(() => loadConfig({ INPUT_BUFFER_TICKS: '4', INPUT_BACKLOG_MAX: '4' })).toThrow(
      /INPUT_BACKLOG_MAX: must be above INPUT_BUFFER_TICKS/,
    );
  });

  it('lets flags win over the environment', () => {
    const config = loadConfig({ PORT: '4000', TICK_RATE_HZ: '20' }, ['--port', '5000']);
    expect(config.PORT).toBe(5000);
    expect(config.TICK_RATE_HZ).toBe(20);
  });
});

describe('flagsToEnv', () => {
  it('reads `--name value` and `--name=value` as the variable NAME', () => {
    expect(flagsToEnv(['--tick-rate-hz', '60', '--allowed-origins=https://a.example,*'])).toEqual({
      TICK_RATE_HZ: '60',
      ALLOWED_ORIGINS: 'https://a.example,*',
    });
  });

  it('keeps an `=` inside the value', () => {
    expect(flagsToEnv(['--host=a=b'])).toEqual({ HOST: 'a=b' });
  });

  it('refuses unknown flags, bare words and a flag without its value', () => {
    expect(() => flagsToEnv(['--tick-rate', '60'])).toThrow(/unknown flag --tick-rate/);
    expect(() => flagsToEnv(['60'])).toThrow(/unexpected argument "60"/);
    expect(() => flagsToEnv(['--port'])).toThrow(/--port needs a value/);
  });
});
