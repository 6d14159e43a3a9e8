import { beforeEach, describe, expect, it } from 'vitest';
import { listingDoc, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeTyposAndTokens({ index, find }: SearchIndexCase): void {
  describe('typo tolerance', () => {
    beforeEach(async () => {
      await index.upsert([
        listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
        listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
        listingDoc({ id: 'rust', title: 'Systems Engineer', skills: ['rust'] }),
        listingDoc({
          id: 'scala',
          title: 'Scala Developer',
          description: 'Functional programming on the JVM.',
        }),
        listingDoc({ id: 'scale', title: 'Scale' }),
      ]);
    });

    it('forgives one typo from 5 characters and two from 9', async () => {
      expect(await find('kubernets')).toEqual(['k8s']);
      expect(await find('kuberntes')).toEqual(['k8s']);
      expect(await find('kubrnetis')).toEqual(['k8s']);
      expect(await find('postgress')).toEqual(['pg']);
      expect(await find('databse')).toEqual(['pg']);
    });

    it('forgives no typo under 5 characters', async () => {
      expect(await find('rusk ')).toEqual([]);
      expect(await find('rust ')).toEqual(['rust']);
    });

    it('does not forgive more typos than the budget', async () => {
      expect(await find('kubxrxxtes')).toEqual([]);
      expect(await find('kubrnets')).toEqual([]);
      expect(await find('dxtxbase ')).toEqual([]);
    });

    it('ranks exact matches above typo matches', async () => {
      expect(await find('scala ')).toEqual(['scala', 'scale']);
    });
  });

  describe('technology tokens and synonyms', () => {
    beforeEach(async () => {
      await index.upsert([
        listingDoc({ id: 'csharp', title: 'C# Developer', skills: ['csharp'] }),
        listingDoc({
          id: 'c',
          title: 'C Developer',
          description: 'Embedded firmware in C.',
          skills: ['c'],
        }),
        listingDoc({ id: 'cpp', title: 'C++ Engineer', skills: ['cpp'] }),
        listingDoc({
          id: 'dotnet',
          title: 'Backend Engineer',
          description: 'Services on .NET and Azure.',
          skills: ['dotnet'],
        }),
        listingDoc({
          id: 'net-word',
          title: 'Java Developer',
          description: 'A competitive net salary.',
          skills: ['java'],
        }),
        listingDoc({ id: 'node', title: 'Node.js Engineer', skills: ['nodejs'] }),
        listingDoc({
          id: 'cicd',
          title: 'DevOps Engineer',
          description: 'You own our CI/CD pipelines.',
          skills: ['ci-cd'],
        }),
        listingDoc({ id: 'aspnet', title: 'ASP.NET Core Developer', skills: ['aspnet-core', 'csharp'] }),
        listingDoc({ id: 'go', title: 'Go Developer', skills: ['go'] }),
        listingDoc({
          id: 'golang-text',
          title: 'Backend Engineer',
          description: 'We write Golang microservices.',
        }),
        listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
        listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
      ]);
    });

    it('keeps C#, C++ and C apart', async () => {
      expect(sorted(await find('c#'))).toEqual(['aspnet', 'csharp']);
      expect(await find('C++')).toEqual(['cpp']);
      expect(await find('c ')).toEqual(['c']);
    });

    it('finds .NET, Node.js, CI/CD and ASP.NET Core as themselves', async () => {
      expect(await find('.net')).toEqual(['dotnet']);
      expect(await find('node.js')).toEqual(['node']);
      expect(await find('CI/CD')).toEqual(['cicd']);
      expect(await find('asp.net core')).toEqual(['aspnet']);
      expect(await find('net salary')).toEqual(['net-word']);
    });

    it('treats aliases as synonyms of the skill', async () => {
      expect(sorted(await find('golang'))).toEqual(['go', 'golang-text']);
      expect(await find('postgres')).toEqual(['pg']);
      expect(await find('psql')).toEqual(['pg']);
      expect(await find('k8s')).toEqual(['k8s']);
      expect(await find('nodejs')).toEqual(['node']);
      expect(await find('csharp')).toEqual(expect.arrayContaining(['csharp', 'aspnet']));
      expect(await find('go ')).toEqual(expect.arrayContaining(['go', 'golang-text']));
    });
  });

  describe('prefix', () => {
    it('matches the last word as a prefix', async () => {
      await index.upsert([
        listingDoc({ id: 'k8s', title: 'Platform Engineer', skills: ['kubernetes'] }),
        listingDoc({ id: 'pg', title: 'Database Engineer', skills: ['postgresql'] }),
      ]);
      expect(await find('kube')).toEqual(['k8s']);
      expect(await find('database postg')).toEqual(['pg']);
      expect(await find('postg database')).toEqual([]);
    });
  });
}
