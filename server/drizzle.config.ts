import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/chatSchema.ts', './src/db/contentSchema.ts', './src/db/lessonSchema.ts', './src/db/uploadSchema.ts', './src/db/pushSchema.ts', './src/db/homeworkSchema.ts', './src/db/supportSchema.ts', './src/db/appealsSchema.ts', './src/db/auditSchema.ts', './src/db/safetySchema.ts'],
  out: './src/db/migrations',
});
