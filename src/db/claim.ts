/**
 * Claims something by inserting its row under a unique key: true for the caller whose insert
 * went in, false for any other (a second bot instance, a retried delivery). Other errors throw.
 */
export async function insertedFirst(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}
