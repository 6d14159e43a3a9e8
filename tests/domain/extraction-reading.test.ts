import { describe, expect, it } from 'vitest';
import { extractSkills } from '../../server/domain/extraction.ts';

function idsIn(text: string): string[] {
  return extractSkills(text).map((mention) => mention.skill.id);
}

describe('extractSkills reads names written with spaced punctuation', () => {
  it('closes up spaces around the dots, hashes, pluses and slashes inside a name', () => {
    const text = 'Senior . NET engineer: C # , F # , ASP . NET , Node . js , C ++ and CI / CD';
    const mentions = extractSkills(text);
    expect(mentions.map((mention) => [mention.skill.id, mention.text])).toEqual([
      ['dotnet', '. NET'],
      ['csharp', 'C #'],
      ['fsharp', 'F #'],
      ['aspnet-core', 'ASP . NET'],
      ['nodejs', 'Node . js'],
      ['cpp', 'C ++'],
      ['ci-cd-practice', 'CI / CD'],
    ]);
    for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('keeps names that contain a plain space and does not read a sentence break as .NET', () => {
    expect(idsIn('c sharp, node js and ci cd')).toEqual(['csharp', 'nodejs', 'ci-cd-practice']);
    expect(idsIn('Profits rose . Net income fell .')).toEqual([]);
    expect(idsIn('C# on . Net Core')).toEqual(['csharp', 'dotnet']);
  });
});

describe('extractSkills reads context', () => {
  it('skips links and contact handles', () => {
    expect(
      idsIn('Apply via github.com/acme or https://acme.io/python, or mail jobs@docker.example.org'),
    ).toEqual([]);
    expect(idsIn('Send us your GitHub profile. Our builds run on GitHub Actions.')).toEqual([
      'github-actions',
    ]);
  });

  it('skips legal notices, institutions and partner badges', () => {
    expect(idsIn('Applicants need work authorization for the US.')).toEqual([]);
    expect(idsIn('Role-based authorization and OAuth flows')).toEqual(['authorization', 'oauth']);
    expect(idsIn('Questions go to our Personal Data Protection Office.')).toEqual([]);
    expect(idsIn('We are an AWS Premier Consulting Partner and a Microsoft Gold Partner.')).toEqual([]);
    expect(idsIn('You have run workloads on AWS and Azure.')).toEqual(['aws', 'azure']);
  });

  it('applies those rules to other vendors and notices, within the sentence of the name only', () => {
    expect(idsIn('We are a Google Cloud Partner and a Databricks Registered Partner.')).toEqual([]);
    expect(idsIn('Send your GitLab profile or Bitbucket account.')).toEqual([]);
    expect(idsIn('Valid employment authorization is required. Our GDPR officer answers questions.')).toEqual(
      [],
    );
    expect(idsIn('We deploy to Azure. Office hours are flexible.')).toEqual(['azure']);
    expect(idsIn('Our builds run on GitHub; profile pages are optional.')).toEqual(['github']);
    expect(idsIn('You know Kafka. Partner teams rely on it.')).toEqual(['kafka']);
    expect(idsIn('Azure\nOffice in Berlin')).toEqual(['azure']);
  });

  it('skips sentences about the company that ask nothing of the candidate', () => {
    expect(idsIn('<ORGANIZATION> is a leader in big data and machine learning.')).toEqual([]);
    expect(idsIn('We are a fintech building on Kafka. You know Kafka and Go.')).toEqual(['kafka', 'go']);
    expect(idsIn('We are looking for experience with Kafka.')).toEqual(['kafka']);
  });

  it('reads a practice in a role or team name as the role, not a skill', () => {
    expect(idsIn('DevOps engineers, a Scrum Master, the SRE team and an agile software developer')).toEqual(
      [],
    );
    expect(idsIn('As an SRE you own reliability. Role: DevOps')).toEqual([]);
    expect(idsIn('Role:\nDevOps\nRequirements:\nDevOps practices\nAgile')).toEqual(['devops', 'agile']);
    expect(idsIn('Experience with TDD, DevOps practices and pair programming')).toEqual([
      'tdd',
      'devops',
      'pair-programming',
    ]);
  });

  it('needs context for names that are ordinary words: Ruby, Flask, Oracle, Unity, Bootstrap', () => {
    expect(
      idsIn('Ruby jewellery, a lab flask, Oracle customers, unity of purpose; bootstrap a startup'),
    ).toEqual([]);
    expect(
      idsIn('Ruby, Python and Flask; Oracle or PostgreSQL; games in Unity and C#; Bootstrap and CSS'),
    ).toEqual(['ruby', 'python', 'flask', 'oracle-db', 'postgresql', 'unity', 'csharp', 'bootstrap', 'css']);
  });

  it('does not read ordinary words that a profile may still type as a skill name', () => {
    expect(idsIn('Good documentation, monitoring and scalability; public APIs; on-call duty')).toEqual([]);
    expect(idsIn('Technical documentation and observability')).toEqual([
      'technical-writing',
      'observability-practice',
    ]);
  });
});

describe('extractSkills tells technologies from practices', () => {
  it('marks every mention with its kind', () => {
    expect(
      extractSkills('Python, Kubernetes, agile, code review, TDD and system design').map((mention) => [
        mention.skill.id,
        mention.kind,
      ]),
    ).toEqual([
      ['python', 'technology'],
      ['kubernetes', 'technology'],
      ['agile', 'practice'],
      ['code-review', 'practice'],
      ['tdd', 'practice'],
      ['system-design', 'practice'],
    ]);
  });

  it('knows the technologies enterprise and data postings ask for', () => {
    const text =
      'Microsoft Dynamics 365, Power BI with DAX, SharePoint, SSIS and SSRS, Teradata, Tableau, Salesforce, ' +
      'SAP, WebLogic, Jupyter, mypy, Bicep, Azure Key Vault, Azure App Service, Application Insights, ' +
      'MassTransit, WCF, WPF, Xamarin, Visual Basic, JSP, XML and Bootstrap';
    expect(idsIn(text)).toEqual([
      'dynamics-365',
      'power-bi',
      'dax',
      'sharepoint',
      'ssis',
      'ssrs',
      'teradata',
      'tableau',
      'salesforce',
      'sap',
      'weblogic',
      'jupyter',
      'mypy',
      'bicep',
      'azure-key-vault',
      'azure-app-service',
      'azure-application-insights',
      'masstransit',
      'wcf',
      'wpf',
      'xamarin',
      'visual-basic',
      'jsp',
      'xml',
      'bootstrap',
    ]);
  });
});

describe('extractSkills skips sections about the company or its benefits', () => {
  it('skips a markdown "About us" section and reads the requirements after it', () => {
    const text = [
      '# Backend engineer',
      'You will build our payments API in TypeScript.',
      '## About us',
      'Founded in 2015, we run on Kubernetes and Kafka and love machine learning.',
      '## Requirements',
      '- 3+ years of Python',
      '- PostgreSQL',
      '**What we offer:**',
      'A Docker-themed office and a free Terraform course.',
    ].join('\n');
    expect(idsIn(text)).toEqual(['typescript', 'python', 'postgresql']);
  });

  it('reads the other heading forms: a plain line, a label opening its line, a joined posting', () => {
    expect(idsIn('Benefits\nPaid Kafka training\nYour profile\nKafka and Go')).toEqual(['kafka', 'go']);
    expect(idsIn('Perks: an AWS budget\nTech stack: Kafka')).toEqual(['kafka']);
    expect(idsIn('Who we are:\nA Java shop.\nWhat you’ll do:\nWrite Java')).toEqual(['java']);
    expect(
      idsIn(
        'Job description Requirements Python and Docker Job benefits: free Kubernetes courses ' +
          'Company description: <ORGANIZATION> runs Java and Kafka at scale',
      ),
    ).toEqual(['python', 'docker']);
    expect(idsIn('Technologies\nkafka\nABOUT ACME\nWe build on AWS.')).toEqual(['kafka']);
  });

  it('reads a question as a heading: "Why join us?", "What’s in it for you?"', () => {
    expect(idsIn('## Why join us?\nFree AWS credits\n## What you’ll do\nRun Kafka')).toEqual(['kafka']);
    expect(idsIn('You know Kafka Why join our team? A choice of Mac or Linux')).toEqual(['kafka']);
  });

  it('does not read a heading word in an ordinary sentence as a heading', () => {
    expect(idsIn('You know the benefits of TDD and Python.')).toEqual(['tdd', 'python']);
    expect(idsIn('Read more about us: we use Kafka. You know Go and Java.')).toEqual(['kafka', 'go', 'java']);
    expect(idsIn('Great team Benefits Kubernetes experience')).toEqual(['kubernetes']);
    expect(idsIn('Benefits of TypeScript\nYou know TypeScript.')).toEqual(['typescript', 'typescript']);
  });

  it('opens and closes sections throughout a long text', () => {
    const ids = idsIn('About us\nKafka\nRequirements\nPython\n'.repeat(2_000));
    expect(ids.length).toBe(2_000);
    expect(new Set(ids)).toEqual(new Set(['python']));
  });

  it('reads "About" headings on the job or the candidate as the role, whatever their wording', () => {
    for (const heading of ['About this role', 'About your team', 'About this opportunity', 'About You']) {
      expect(idsIn(`About us\nWe run Kafka.\n${heading}\nYou know Python.`), heading).toEqual(['python']);
    }
    expect(idsIn('Intro\nAbout Acme Payments\nWe run Kafka.')).toEqual([]);
  });

  it('lets a role word inside a company heading leave the section closed', () => {
    expect(idsIn('Job benefits: Python courses\nCompany Description: Java and Go')).toEqual([]);
  });
});
