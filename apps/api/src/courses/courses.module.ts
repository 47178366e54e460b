import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { CourseRepository } from './course.repository';
import { CoursesController, MyCoursesController } from './courses.controller';
import { CoursesService } from './courses.service';
import { LearningService } from './learning.service';

/** Self-paced micro-courses: lessons, an assessment, and the credential a pass issues (docs/training-courses.md). */
@Module({
  imports: [AwardsModule],
  controllers: [CoursesController, MyCoursesController],
  providers: [CourseRepository, CoursesService, LearningService],
  exports: [CourseRepository],
})
export class CoursesModule {}
