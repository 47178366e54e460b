import { Injectable } from '@nestjs/common';
import { courseContentProblems } from '@brevet/domain';
import { CourseRepository } from '../../courses/course.repository';
import { DEMO_COURSES } from './demo-courses';

/**
 * Seeds the three demo courses, published as version 1, each linked to its credential by code. Runs inside
 * DemoSeedService's transaction, after the catalogue.
 */
@Injectable()
export class DemoCoursesSeedService {
  constructor(private readonly courses: CourseRepository) {}

  async seed(now: Date): Promise<number> {
    for (const demo of DEMO_COURSES) {
      const problems = courseContentProblems(demo.content);
      if (problems.length > 0) throw new Error(`demo course ${demo.code}: ${JSON.stringify(problems)}`);
      const definitionId = await this.courses.findDefinitionIdByCode(demo.credentialCode);
      if (!definitionId) throw new Error(`demo course ${demo.code}: no credential ${demo.credentialCode}`);
      const courseId = await this.courses.insertCourse(demo.code, definitionId);
      const versionId = await this.courses.insertVersion(courseId, 1, demo.content);
      await this.courses.markPublished(versionId, now);
      await this.courses.updateCourse(courseId, { status: 'published', currentVersionId: versionId });
    }
    return DEMO_COURSES.length;
  }
}
