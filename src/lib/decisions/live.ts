/** The `depends()` key of the decisions list: a `decision:published` event reruns that load only. */
export const DECISIONS_LIST = 'decisioni:list';
