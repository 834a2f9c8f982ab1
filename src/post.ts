/** Post step: cleanup if the main step did not finish (implemented with the safety issue). */
export async function runPost(): Promise<void> {}
