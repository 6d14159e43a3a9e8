import { describe, expect, it } from 'vitest';
import {
  allCountries,
  countryCodeForName,
  currencyForCountry,
  fromUsd,
  regionForCountry,
  toAnnualUsd,
} from '../../server/domain/currency.ts';
import { RATES_DATE, RATE_TABLES, USD_RATES, convert, ratesOn } from '../../server/domain/exchange-rates.ts';
import { PAY_GROWTH, payGrowthFactor, payGrowthRate, yearsBetween } from '../../server/domain/pay-growth.ts';

describe('dated exchange rates', () => {
  it('covers the currencies Backboard quotes in every table, each with a date', () => {
    const required = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'INR', 'PLN', 'SEK', 'NOK', 'DKK', 'BRL'];
    required.push('JPY', 'CNY', 'SGD', 'ZAR', 'NZD', 'CZK', 'RON', 'HUF', 'UAH');
    const currencies = Object.keys(USD_RATES).sort();
    for (const table of RATE_TABLES) {
      expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(table.usdRates).sort()).toEqual(currencies);
      expect(required.filter((currency) => !(table.usdRates[currency]! > 0))).toEqual([]);
    }
    expect(RATE_TABLES.map((table) => table.date)).toEqual([...RATE_TABLES.map((t) => t.date)].sort());
    expect(RATES_DATE).toBe(RATE_TABLES.at(-1)!.date);
  });

  it('converts an amount at the table of its own date', () => {
    expect(ratesOn('2024-06-15').date).toBe('2024-05-31');
    expect(ratesOn('2025-06-02').date).toBe('2025-06-02');
    expect(ratesOn('2026-12-01').date).toBe(RATES_DATE);
    expect(ratesOn('2020-01-01').date).toBe('2024-05-31');
    const may2024 = ratesOn('2024-05-31');
    expect(convert(100_000, 'USD', 'EUR', may2024)).toBeCloseTo(100_000 * may2024.usdRates.EUR!, 6);
    expect(convert(100_000, 'USD', 'EUR', may2024)).not.toBeCloseTo(convert(100_000, 'USD', 'EUR'), 0);
    expect(convert(5, 'gbp', 'GBP')).toBe(5);
    expect(() => convert(1, 'XYZ', 'USD')).toThrow(RangeError);
  });

  it('converts any period and currency to annual US dollars at the latest rates and back', () => {
    expect(toAnnualUsd(100_000, 'USD', 'year')).toBe(100_000);
    expect(toAnnualUsd(5_000, 'EUR', 'month')).toBeCloseTo(60_000 / USD_RATES.EUR!, 6);
    expect(toAnnualUsd(50, 'usd', 'hour')).toBe(104_000);
    expect(fromUsd(toAnnualUsd(80_000, 'GBP', 'year'), 'GBP')).toBeCloseTo(80_000, 6);
    expect(() => toAnnualUsd(1, 'XYZ', 'year')).toThrow(RangeError);
  });
});

describe('countries', () => {
  it('knows currencies, regions and the names both surveys use', () => {
    expect(currencyForCountry('DE')).toBe('EUR');
    expect(currencyForCountry('ch')).toBe('CHF');
    expect(currencyForCountry('ZZ')).toBe('USD');
    expect(regionForCountry('PL')).toBe('eastern-europe');
    expect(regionForCountry('IN')).toBe('south-asia');
    expect(countryCodeForName('United Kingdom')).toBe('GB');
    expect(countryCodeForName('United Kingdom of Great Britain and Northern Ireland')).toBe('GB');
    expect(countryCodeForName('United States of America')).toBe('US');
    expect(countryCodeForName('Russian Federation')).toBe('RU');
    expect(countryCodeForName('Republic of Korea')).toBe('KR');
  });

  it('has unique codes and names, and every currency in the rates tables', () => {
    const countries = allCountries();
    expect(new Set(countries.map((country) => country.code)).size).toBe(countries.length);
    expect(new Set(countries.map((country) => country.name)).size).toBe(countries.length);
    expect(countries.filter((country) => !(USD_RATES[country.currency]! > 0))).toEqual([]);
  });
});

describe('pay growth', () => {
  it('compounds a country’s yearly rate over the days between two dates', () => {
    expect(yearsBetween('2024-05-31', '2025-05-31')).toBeCloseTo(365 / 365.25, 6);
    expect(yearsBetween('2025-01-01', '2024-01-01')).toBe(0);
    const rate = payGrowthRate('us')!;
    expect(rate).toBe(PAY_GROWTH.US);
    const years = yearsBetween('2024-05-31', '2026-12-02');
    expect(payGrowthFactor('US', '2024-05-31', '2026-12-02')).toBeCloseTo((1 + rate) ** years, 12);
    expect(payGrowthFactor('US', '2026-12-02', '2026-12-02')).toBe(1);
  });

  it('carries nothing forward where Backboard has no rate', () => {
    expect(payGrowthRate('UA')).toBeNull();
    expect(payGrowthRate(null)).toBeNull();
    expect(payGrowthFactor('UA', '2024-05-31', '2026-12-02')).toBe(1);
    expect(Object.values(PAY_GROWTH).every((value) => value > 0 && value < 0.15)).toBe(true);
    expect(Object.keys(PAY_GROWTH).filter((code) => regionForCountry(code) === undefined)).toEqual([]);
  });
});
