/**
 * The exam's structure as published in the AIF-C01 exam guide v1.1 (April 2026): domains, their
 * weights, task statements and objectives. Banks are validated against it, and the mock exam
 * draws by its weights, so it is data rather than something each bank declares.
 */
export interface Domain {
  readonly id: number;
  readonly title: string;
  /** Share of the scored content, in percent. */
  readonly weight: number;
  readonly tasks: readonly Task[];
}

export interface Task {
  readonly id: string;
  readonly title: string;
  /** Number of v1.1 objectives: their ids are `${task}.1` to `${task}.${objectives}`. */
  readonly objectives: number;
}

export const DOMAINS: readonly Domain[] = [
  {
    id: 1,
    title: 'Fundamentals of AI and ML',
    weight: 20,
    tasks: [
      { id: '1.1', title: 'Explain basic AI concepts and terminologies', objectives: 5 },
      { id: '1.2', title: 'Identify practical use cases for AI', objectives: 6 },
      { id: '1.3', title: 'Describe the AI/ML development lifecycle', objectives: 6 },
    ],
  },
  {
    id: 2,
    title: 'Fundamentals of Generative AI',
    weight: 24,
    tasks: [
      { id: '2.1', title: 'Explain the basic concepts of generative AI', objectives: 6 },
      {
        id: '2.2',
        title: 'Understand the capabilities and limitations of generative AI for solving business problems',
        objectives: 4,
      },
      {
        id: '2.3',
        title: 'Describe AWS infrastructure and technologies for building generative AI applications',
        objectives: 4,
      },
    ],
  },
  {
    id: 3,
    title: 'Applications of Foundation Models',
    weight: 28,
    tasks: [
      { id: '3.1', title: 'Describe design considerations for applications that use foundation models', objectives: 6 },
      { id: '3.2', title: 'Choose effective prompt engineering techniques', objectives: 5 },
      { id: '3.3', title: 'Describe the training and fine-tuning process for foundation models', objectives: 3 },
      { id: '3.4', title: 'Describe methods to evaluate foundation model performance', objectives: 5 },
    ],
  },
  {
    id: 4,
    title: 'Guidelines for Responsible AI',
    weight: 14,
    tasks: [
      { id: '4.1', title: 'Explain the development of AI systems that are responsible', objectives: 7 },
      { id: '4.2', title: 'Recognize the importance of transparent and explainable models', objectives: 4 },
    ],
  },
  {
    id: 5,
    title: 'Security, Compliance, and Governance for AI Solutions',
    weight: 14,
    tasks: [
      { id: '5.1', title: 'Explain methods to secure AI systems', objectives: 5 },
      { id: '5.2', title: 'Recognize governance and compliance regulations for AI systems', objectives: 3 },
    ],
  },
];

/**
 * Objectives that only guide v1.4 lists. They are still worth practising (older exam forms and
 * many courses use them), so they get ids of their own that cannot clash with v1.1 numbers.
 */
export const LEGACY_OBJECTIVES: Readonly<Record<string, { task: string; title: string }>> = {
  'v1.4-5.2.1': {
    task: '5.2',
    title: 'Identify regulatory compliance standards for AI systems (ISO, SOC, algorithm accountability laws)',
  },
};

export const TASK_IDS: readonly string[] = DOMAINS.flatMap((d) => d.tasks.map((t) => t.id));

export function findDomain(id: number): Domain | undefined {
  return DOMAINS.find((d) => d.id === id);
}

export function findTask(id: string): (Task & { domain: number }) | undefined {
  for (const d of DOMAINS) {
    const t = d.tasks.find((task) => task.id === id);
    if (t) return { ...t, domain: d.id };
  }
  return undefined;
}

/** The task an objective belongs to, or undefined when the objective does not exist. */
export function taskOfObjective(objective: string): string | undefined {
  const legacy = LEGACY_OBJECTIVES[objective];
  if (legacy) return legacy.task;
  const m = /^(\d)\.(\d)\.(\d+)$/.exec(objective);
  if (!m) return undefined;
  const task = findTask(`${m[1]}.${m[2]}`);
  const n = Number(m[3]);
  return task && n >= 1 && n <= task.objectives ? task.id : undefined;
}
